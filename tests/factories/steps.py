"""Steps a test takes a case through, by the services, when they are not what it tests."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.services import inspections


def request(
    case: Application,
    requester: User,
    wanted_on: dt.date,
    now: dt.datetime,
    *,
    window: str = "am",
    contact: tuple[str, str] = ("O", "1"),
) -> Inspection:
    """Request the case's next inspection for `wanted_on` (AM unless told), `contact` being
    the name and phone of whom the inspector calls."""
    name, phone = contact
    return inspections.request_inspection(
        actor=requester,
        application=case,
        wanted_on=wanted_on,
        window=window,
        contact_name=name,
        contact_phone=phone,
        now=now,
    )


def book(
    case: Application,
    crew: dict[str, User],
    requester: User,
    wanted_on: dt.date,
    now: dt.datetime,
    *,
    window: str = "am",
    contact: tuple[str, str] = ("O", "1"),
) -> Inspection:
    """Request the next inspection for `wanted_on` (see `request`) and have the crew's clerk
    assign the crew's inspector."""
    visit = request(case, requester, wanted_on, now, window=window, contact=contact)
    return inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=visit, inspector=crew[Role.INSPECTOR], now=now
    )


def pass_inspection(
    case: Application,
    *,
    requester: User,
    crew: dict[str, User],
    wanted_on: dt.date,
    requested_at: dt.datetime,
    passed_at: dt.datetime,
    window: str = "am",
) -> Inspection:
    """Request the next inspection, assign the crew's inspector, record it passed."""
    visit = book(case, crew, requester, wanted_on, requested_at, window=window)
    return inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR], inspection=visit, result="passed", now=passed_at
    )
