"""Inspections as the staff read them: an inspector's day sheet, an inspection to record, the
inspectors a clerk may assign. The day sheet's order: AM first, then PM, then any time, then
by street address."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import NotFound
from permitdesk.cases.models import Inspection, Violation
from permitdesk.cases.selectors.today import today_in
from permitdesk.records.models import Jurisdiction


def inspectors_of(place: Jurisdiction) -> QuerySet[User]:
    return User.objects.filter(
        memberships__jurisdiction_id=place.pk, memberships__role=Role.INSPECTOR, is_active=True
    ).order_by("last_name", "first_name", "username")


WINDOW_ORDER = Case(
    When(window="am", then=Value(0)),
    When(window="pm", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def day_sheet(
    user: User, now: dt.datetime, ahead: int = 0
) -> tuple[dt.date | None, QuerySet[Inspection]]:
    """The inspections assigned to `user` today (each jurisdiction's own today), or `ahead`
    days from it, AM first, then PM, then any time; one query. The date is None when the user
    inspects nowhere."""
    day, when = _days(user, now, ahead, "scheduled_on")
    visits = (
        Inspection.objects.filter(when, inspector_id=user.pk)
        .select_related("request", "application__unit__property", "application__jurisdiction")
        .annotate(window_order=WINDOW_ORDER)
        .order_by("window_order", "application__unit__property__normalized_address", "id")
    )
    return day, visits


def _days(user: User, now: dt.datetime, ahead: int, lookup: str) -> tuple[dt.date | None, Q]:
    """`lookup` against the day `ahead` days from today in each jurisdiction the user
    inspects (one query for the jurisdictions), and that day (None where they inspect
    nowhere)."""
    places = list(
        Jurisdiction.objects.filter(memberships__user_id=user.pk, memberships__role=Role.INSPECTOR)
    )
    when = Q(pk__in=[])
    day = None
    for place in places:
        day = today_in(place, now) + dt.timedelta(days=ahead)
        when |= Q(application__jurisdiction_id=place.pk, **{lookup: day})
    return day, when


def overdue(user: User, now: dt.datetime) -> QuerySet[Inspection]:
    """The user's inspections booked for a day already past and still not recorded, oldest
    first: they lead the day sheet of today."""
    _, when = _days(user, now, 0, "scheduled_on__lt")
    return (
        Inspection.objects.filter(when, inspector_id=user.pk, result=Inspection.Result.PENDING)
        .select_related("request", "application__unit__property", "application__jurisdiction")
        .order_by("scheduled_on", "id")
    )


def assigned_inspection(user: User, pk: int) -> Inspection:
    """An inspection the user may record: assigned to them, or any of a jurisdiction where
    they are the code official; NotFound otherwise (an inspector sees only their own)."""
    official_of = Membership.objects.filter(user_id=user.pk, role=Role.CODE_OFFICIAL).values(
        "jurisdiction_id"
    )
    found = (
        Inspection.objects.filter(
            Q(inspector_id=user.pk) | Q(application__jurisdiction_id__in=official_of), pk=pk
        )
        .select_related("request", "application__unit__property", "application__jurisdiction")
        .prefetch_related("violations", "application__unit__bedrooms")
        .first()
    )
    if found is None:
        raise NotFound(f"inspection {pk} not found")
    return found


def earlier_violations(visit: Inspection) -> list[Violation]:
    """On a re-inspection, the violations of the case's last failed visit before it (what the
    inspector comes back to check), in the order noted; none on a first visit. One query."""
    if visit.number <= 1:
        return []
    last = (
        Inspection.objects.filter(
            application_id=visit.application_id,
            number__lt=visit.number,
            result=Inspection.Result.FAILED,
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    return list(
        Violation.objects.filter(inspection_id__in=last).select_related("inspection").order_by("pk")
    )


def pending_of(jurisdiction_id: int, case_ids: list[int]) -> dict[int, Inspection]:
    """The pending inspection of each of these cases of the jurisdiction (a case has at most
    one), by case id, with its inspector: one query, for a queue page's bulk assignment."""
    found = Inspection.objects.filter(
        application_id__in=case_ids,
        application__jurisdiction_id=jurisdiction_id,
        result=Inspection.Result.PENDING,
    ).select_related("inspector")
    return {visit.application_id: visit for visit in found}
