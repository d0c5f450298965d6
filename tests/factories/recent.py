"""Applicants' cases at each stage, moved on by the services at the real clock, their steps a
fortnight ago (the pages under test read the clock too): submitted, paid, failed with
violations, approved. Clayton's stages at fixed moments are in tests/factories/stages.py."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, inspections, payments
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import earliest_inspection_day, zone
from permitdesk.web.applicant.inspections import inspection_days
from tests.factories.photos import PNG
from tests.factories.records import recorded_unit
from tests.factories.steps import book, pass_inspection

PROGRAMS = {  # the fee item and event each jurisdiction's case is applied for with
    "clayton-mo": ("residential-occupancy", "lease"),
    "st-clair-county-il": ("occupancy-inspection", "lease"),
    "st-louis-county-mo": ("re-occupancy-permit", "sale"),
    "village-ord-08-457": ("occupancy-permit", "sale"),
}


def then() -> dt.datetime:
    """A fortnight ago: when the steps before the page under test happen, so that each
    inspection can be recorded on the day it was booked for and still be in the past."""
    return timezone.now() - dt.timedelta(days=14)


def submitted(owner: User, slug: str) -> Application:
    fee_item, trigger = PROGRAMS[slug]
    return applications.submit_application(
        actor=owner,
        unit=recorded_unit(owner, slug),
        fee_item=fee_item,
        trigger=trigger,
        now=then(),
    )


def paid(case: Application, clerk: User, method: str = "check") -> Application:
    payments.record_payment(
        actor=clerk,
        application=case,
        method=method,
        amount=balance_due(case),
        now=_step(case),
    )
    return case


def _step(case: Application) -> dt.datetime:
    """The moment of the case's next step: after its last inspection, or a fortnight ago."""
    done = [v.completed_at for v in case.inspections.all() if v.completed_at is not None]
    return max([then(), *done]) + dt.timedelta(minutes=1)


def _booked(case: Application) -> tuple[dt.date, dt.datetime, dt.datetime]:
    """The next inspection's day, when it is requested, and when its result is recorded
    (10 AM on that day, in the jurisdiction's zone)."""
    pack = get_pack(case.jurisdiction.slug)
    asked = _step(case)
    day = earliest_inspection_day(pack, asked, case.processed_at)
    return day, asked, dt.datetime.combine(day, dt.time(10), tzinfo=zone(pack))


def first_day(case: Application) -> dt.date:
    return inspection_days(get_pack(case.jurisdiction.slug), case, timezone.now())[0]


def failed(case: Application, crew: dict[str, User], with_photo: bool = False) -> Inspection:
    """The case's next inspection requested, assigned and failed with one violation."""
    day, asked, done = _booked(case)
    visit = book(case, crew, case.applicant, day, asked, contact=("Olive Owner", "314-555-0100"))
    photo = ContentFile(PNG, name="gutter.png") if with_photo else None
    return inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR],
        inspection=visit,
        result="failed",
        now=done,
        violations=[ViolationInput("PM 304.7", "Gutters detached", "Re-attach the gutters", photo)],
    )


def approved(case: Application, crew: dict[str, User]) -> Inspection:
    day, asked, done = _booked(case)
    return pass_inspection(
        case,
        requester=case.applicant,
        crew=crew,
        wanted_on=day,
        requested_at=asked,
        passed_at=done,
    )
