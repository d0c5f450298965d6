"""Inspections for the inspector's tests, built through the services: Clayton cases paid on
Monday, November 16, 2026, inspected on Wednesday the 18th in the window asked."""

from __future__ import annotations

import base64
from decimal import Decimal

from permitdesk.cases.models import Inspection
from permitdesk.cases.services import inspections, payments
from permitdesk.records.models import Bedroom
from tests import factories

WEDNESDAY_MORNING = "2026-11-18 08:00"
# A 1×1 PNG, and the first bytes of a JPEG: what the upload check reads.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def visit(who: factories.People, window: str = "am", contact: str = "314-555-0101") -> Inspection:
    """A paid Clayton case's first inspection on Wednesday, assigned to who.inspector."""
    case = factories.submitted(who)
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=factories.MONDAY,
    )
    booked = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=factories.WEDNESDAY,
        window=window,
        contact_name="Ada Owner",
        contact_phone=contact,
        now=factories.MONDAY,
    )
    return inspections.assign_inspector(
        actor=who.clerk, inspection=booked, inspector=who.inspector, now=factories.MONDAY
    )


def basement_bedroom(inspection: Inspection, area: str = "90", egress: str | None = None) -> None:
    Bedroom.objects.create(
        unit=inspection.application.unit,
        area_sqft=Decimal(area),
        basement=True,
        egress_opening_sqft=Decimal(egress) if egress else None,
    )
