"""A staff member's desks: the jurisdictions they work in, their roles there and the counts
of the clerk's queues; one queue's cases and the deadlines its page shows; the jurisdiction a
clerk's read names, and its change-of-occupancy reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import (
    Actor,
    NotFound,
    membership_jurisdiction,
    require_staff,
    roles,
)
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Inspection
from permitdesk.cases.selectors.counts import Capped, queue_counts
from permitdesk.cases.selectors.queues import (
    DEFAULT_SORT,
    MINE,
    MINE_TITLE,
    QUEUE_TITLES,
    clerk_queue,
)
from permitdesk.cases.selectors.today import today_in
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.deadlines import IssueDue, permit_issue_due

CASE_WORKERS: set[str] = {Role.CLERK, Role.CODE_OFFICIAL}


@dataclass(frozen=True)
class Desk:
    jurisdiction: Jurisdiction
    roles: frozenset[str]
    queues: list[
        tuple[str, str, Capped]
    ]  # (queue, title, capped count); empty for an inspector only


def desks(user: User) -> list[Desk]:
    """The user's jurisdictions, their roles there, and the counts of the clerk's queues where
    they work the cases: one query for the memberships, one per such jurisdiction for its
    capped counts (selectors.counts: "500+" beyond the cap, so no count reads the backlog);
    "Assigned to me" too where they also inspect."""
    held: dict[int, set[str]] = {}
    places: dict[int, Jurisdiction] = {}
    for m in Membership.objects.filter(user_id=user.pk).select_related("jurisdiction"):
        held.setdefault(m.jurisdiction_id, set()).add(m.role)
        places[m.jurisdiction_id] = m.jurisdiction
    found = []
    for pk, place in sorted(places.items(), key=lambda p: p[1].name):
        queues = []
        if held[pk] & CASE_WORKERS:
            today = today_in(place)
            me = user.pk if Role.INSPECTOR in held[pk] else None
            counted = queue_counts(pk, today, me=me)
            queues = [(q, queue_title(q), n) for q, n in counted.items()]
        found.append(Desk(place, frozenset(held[pk]), queues))
    return found


def desk_jurisdiction(user: User, slug: str) -> Jurisdiction:
    """A jurisdiction whose cases the user works (clerk, code official); else NotFound."""
    place = Jurisdiction.objects.filter(slug=slug).first()
    if place is None or not roles(user, place.pk) & CASE_WORKERS:
        raise NotFound(f"jurisdiction {slug} not found")
    return place


def queue_title(queue: str) -> str:
    return MINE_TITLE if queue == MINE else QUEUE_TITLES[queue]


def queue_cases(
    place: Jurisdiction, queue: str, user: User | None = None, sort: str = DEFAULT_SORT
) -> QuerySet[Application]:
    """A queue's cases (MINE: the user's), in the order `sort` names (queues.SORTS)."""
    me = user.pk if user is not None else None
    return clerk_queue(place.pk, queue, today_in(place), me=me, sort=sort)


def days_waiting(case: Application, today: dt.date, pack: Pack) -> int:
    """Whole days since the case was submitted, by the jurisdiction's calendar."""
    return (today - local(pack, case.submitted_at).date()).days


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


@dataclass(frozen=True)
class IssueRule:
    """The pack's time to generate a permit after the passing inspection, for the page."""

    hours: int
    citation: str


def issue_rule(pack: Pack, today: dt.date) -> IssueRule | None:
    """St. Louis County's "an occupancy permit is generated in 48 hours" (004), or None where
    the pack sets no such time."""
    if not pack.has_term("permit_issue_within"):
        return None
    version = pack.term_version("permit_issue_within", today)
    return IssueRule(pack.count("permit_issue_within", today), pack.cite(version.citation))


def staff_jurisdiction(user: Actor, slug: str) -> int:
    """The id of a jurisdiction its clerks and code officials read: NotFound for none,
    Forbidden for others. The token check read the ids of the user's own jurisdictions."""
    jurisdiction_id = membership_jurisdiction(user, slug)
    if jurisdiction_id is None:
        found = Jurisdiction.objects.filter(slug=slug).values_list("id", flat=True).first()
        if found is None:
            raise NotFound(f"jurisdiction {slug} not found")
        jurisdiction_id = found
    require_staff(user, jurisdiction_id, CASE_WORKERS)
    return jurisdiction_id


def change_reports(user: Actor, slug: str) -> QuerySet[ChangeOfOccupancyReport]:
    """The change-of-occupancy reports of a jurisdiction, newest first, for its staff."""
    found = staff_jurisdiction(user, slug)
    return ChangeOfOccupancyReport.objects.filter(unit__property__jurisdiction_id=found).order_by(
        "-reported_at", "-id"
    )
