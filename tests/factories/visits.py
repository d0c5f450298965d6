"""Inspections for the inspector's tests, built through the services: Clayton cases paid on
Monday, November 16, 2026, inspected on Wednesday the 18th in the window asked."""

from __future__ import annotations

from decimal import Decimal

from permitdesk.cases.models import Inspection
from permitdesk.records.models import Bedroom
from tests.factories.people import People
from tests.factories.stages import MONDAY, WEDNESDAY, paid
from tests.factories.steps import book

WEDNESDAY_MORNING = "2026-11-18 08:00"


def visit(who: People, window: str = "am", contact: str = "314-555-0101") -> Inspection:
    """A paid Clayton case's first inspection on Wednesday, assigned to who.inspector."""
    case = paid(who)
    return book(
        case,
        who.crew(),
        who.owner,
        WEDNESDAY,
        MONDAY,
        window=window,
        contact=("Ada Owner", contact),
    )


def basement_bedroom(inspection: Inspection, area: str = "90", egress: str | None = None) -> None:
    Bedroom.objects.create(
        unit=inspection.application.unit,
        area_sqft=Decimal(area),
        basement=True,
        egress_opening_sqft=Decimal(egress) if egress else None,
    )
