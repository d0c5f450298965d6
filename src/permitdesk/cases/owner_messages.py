"""The e-mail an owner's own filing queues (here the village's change-of-occupancy report;
permitdesk.filings.messages the disclosure and the prior-to-sale notice): to the person who
filed, what is on record and what happens next. Each runs inside its service's transaction;
keys are stable per filing."""

from __future__ import annotations

import datetime as dt
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth.models import User

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.messages import day, money
from permitdesk.cases.models import ChangeOfOccupancyReport
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.law.loader import get_pack
from permitdesk.notices.compose import queue_notice
from permitdesk.records.models import Property, Unit


def send_filing(
    *,
    filer: User,
    place: Property,
    address: str,
    key: str,
    at: dt.datetime,
    what: str,
    facts: list[str],
    next_steps: list[str],
    late: str = "",
) -> OutboxMessage | None:
    pack = get_pack(place.jurisdiction.slug)
    return queue_notice(
        kind="owner-filing",
        jurisdiction_slug=pack.slug,
        to=filer.email,
        key=key,
        context={
            "jurisdiction": pack.name,
            "recipient": filer.get_full_name() or filer.username,
            "address": address,
            "what": what,
            "facts": facts,
            "late": late,
            "next_steps": next_steps,
            "url": f"{settings.PUBLIC_URL}/properties/{place.pk}/",
        },
        at=at,
    )


class UnitFiling(TypedDict):
    """send_filing()'s arguments but the place and its address, for a filing about a unit."""

    filer: User
    key: str
    at: dt.datetime
    what: str
    facts: list[str]
    next_steps: list[str]
    late: NotRequired[str]


def send_unit_filing(unit: Unit, **filing: Unpack[UnitFiling]) -> OutboxMessage | None:
    """send_filing() for a filing about a unit: the unit's address, its property's page."""
    return send_filing(place=unit.property, address=str(unit), **filing)


def _report_steps(report: ChangeOfOccupancyReport) -> list[str]:
    case = report.application
    if case is None:
        return [
            f"No inspection case was opened ({report.no_case_reason}).",
            "The Village Clerk tells you if the Building Inspector needs to inspect.",
        ]
    steps = [f"The Building Inspector inspects the unit under application {case.pk}."]
    owed = balance_due(case)
    if owed > 0:
        steps.append(f"Pay the fee of {money(owed)} (it is paid before the inspection).")
    steps.append(
        f"Request the inspection: {settings.PUBLIC_URL}/cases/{case.pk}/inspection/ "
        "(or the Village Clerk schedules it with you)."
    )
    return steps


def change_report_received(
    report: ChangeOfOccupancyReport, *, at: dt.datetime
) -> OutboxMessage | None:
    late = ""
    if report.late:
        late = (
            f"the report was due by {day(report.due_on)}. Not reporting within the time "
            "allowed is a violation of the ordinance, and the Village may pursue it."
        )
    facts = [f"Changed on {day(report.changed_on)}", f"Reported on {day(report.reported_on)}"]
    if report.new_occupants:
        facts.append(f"New occupants: {report.new_occupants}")
    return send_unit_filing(
        report.unit,
        filer=report.reported_by,
        key=f"change-report-{report.pk}",
        at=at,
        what="report of a change of occupancy",
        facts=facts,
        next_steps=_report_steps(report),
        late=late,
    )
