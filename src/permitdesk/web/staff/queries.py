"""Reads behind the staff pages, each a bounded number of queries whatever the data size:
the user's jurisdictions and queue counts, one case with everything its page shows, a case's
audit trail, an inspector's day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import NotFound, roles
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, FeeLine, Inspection, Occupant, Payment, Permit
from permitdesk.cases.permissions import visible_applications
from permitdesk.cases.selectors import QUEUES, clerk_queue
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.deadlines import IssueDue, permit_issue_due

QUEUE_TITLES = {
    "new": "New applications",
    "awaiting-payment": "Awaiting payment",
    "ready-to-schedule": "Ready to schedule",
    "awaiting-occupants": "Awaiting occupants",
    "ready-to-issue": "Ready to issue",
    "lapsing": "Approvals about to lapse",
}
assert set(QUEUE_TITLES) == set(QUEUES)


def today_in(jurisdiction: Jurisdiction, now: dt.datetime | None = None) -> dt.date:
    """Today in the jurisdiction's own zone (its pack's)."""
    return local(get_pack(jurisdiction.slug), now or timezone.now()).date()


@dataclass(frozen=True)
class Desk:
    jurisdiction: Jurisdiction
    roles: frozenset[str]
    queues: list[tuple[str, str, int]]  # (queue, title, cases); empty for an inspector only


def desks(user: User) -> list[Desk]:
    """The user's jurisdictions, their roles there, and the counts of the clerk's queues where
    they work the cases (one query for the memberships, five counts per such jurisdiction)."""
    held: dict[int, set[str]] = {}
    places: dict[int, Jurisdiction] = {}
    for m in Membership.objects.filter(user_id=user.pk).select_related("jurisdiction"):
        held.setdefault(m.jurisdiction_id, set()).add(m.role)
        places[m.jurisdiction_id] = m.jurisdiction
    found = []
    for pk, place in sorted(places.items(), key=lambda p: p[1].name):
        queues = []
        if held[pk] & {Role.CLERK, Role.CODE_OFFICIAL}:
            today = today_in(place)
            queues = [(q, QUEUE_TITLES[q], clerk_queue(pk, q, today).count()) for q in QUEUES]
        found.append(Desk(place, frozenset(held[pk]), queues))
    return found


def desk_jurisdiction(user: User, slug: str) -> Jurisdiction:
    """A jurisdiction whose cases the user works (clerk, code official); else NotFound."""
    place = Jurisdiction.objects.filter(slug=slug).first()
    if place is None or not roles(user, place.pk) & {Role.CLERK, Role.CODE_OFFICIAL}:
        raise NotFound(f"jurisdiction {slug} not found")
    return place


def queue_cases(place: Jurisdiction, queue: str) -> QuerySet[Application]:
    return clerk_queue(place.pk, queue, today_in(place)).select_related("unit__property")


def issue_due(pack: Pack, cases: list[Application], now: dt.datetime) -> dict[int, IssueDue]:
    """For the ready-to-issue queue's page: each case's permit deadline where the pack sets one
    (St. Louis County's 48 hours from the passing inspection), in one query."""
    if not pack.has_term("permit_issue_within"):
        return {}
    passed = dict(
        Inspection.objects.filter(
            application_id__in=[c.pk for c in cases], result=Inspection.Result.PASSED
        )
        .order_by("application_id", "-completed_at")
        .values_list("application_id", "completed_at")
    )
    found = {}
    for pk, at in passed.items():
        if at is not None:
            due = permit_issue_due(pack, at, now)
            if due is not None:
                found[pk] = due
    return found


def staff_case(user: User, pk: int) -> Application:
    """A case the user sees as staff, with what its page shows (a fixed number of queries);
    NotFound for a case of another jurisdiction, or one the user sees only as its applicant."""
    staff_of = Membership.objects.filter(user_id=user.pk).values("jurisdiction_id")
    inspections = (
        Inspection.objects.order_by("number")
        .select_related("request", "inspector")
        .prefetch_related("violations")
    )
    found = (
        visible_applications(user)
        .filter(pk=pk, jurisdiction_id__in=staff_of)
        .select_related("jurisdiction", "unit__property", "applicant", "approval")
        .prefetch_related(
            Prefetch("fee_lines", queryset=FeeLine.objects.order_by("id")),
            Prefetch("payments", queryset=Payment.objects.order_by("id")),
            Prefetch("occupants", queryset=Occupant.objects.order_by("id")),
            Prefetch("inspections", queryset=inspections),
            Prefetch("permits", queryset=Permit.objects.order_by("issued_at", "id")),
            "parties",
        )
        .first()
    )
    if found is None:
        raise NotFound(f"application {pk} not found")
    return found


def inspectors_of(place: Jurisdiction) -> QuerySet[User]:
    return User.objects.filter(
        memberships__jurisdiction_id=place.pk, memberships__role=Role.INSPECTOR, is_active=True
    ).order_by("last_name", "first_name", "username")


def audit_trail(application: Application) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(application_id=application.pk).select_related("actor")


WINDOW_ORDER = Case(
    When(window="am", then=Value(0)),
    When(window="pm", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def inspector_day(
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
