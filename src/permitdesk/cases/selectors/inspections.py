"""Inspections as the staff read them: an inspector's day sheet, an inspection to record, the
inspectors a clerk may assign. The day sheet's order: AM first, then PM, then any time, then
by street address."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import NotFound
from permitdesk.cases.models import Inspection
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
    places = list(
        Jurisdiction.objects.filter(memberships__user_id=user.pk, memberships__role=Role.INSPECTOR)
    )
    when = Q(pk__in=[])
    day = None
    for place in places:
        day = today_in(place, now) + dt.timedelta(days=ahead)
        when |= Q(application__jurisdiction_id=place.pk, scheduled_on=day)
    visits = (
        Inspection.objects.filter(when, inspector_id=user.pk)
        .select_related("request", "application__unit__property", "application__jurisdiction")
        .annotate(window_order=WINDOW_ORDER)
        .order_by("window_order", "application__unit__property__normalized_address", "id")
    )
    return day, visits


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
