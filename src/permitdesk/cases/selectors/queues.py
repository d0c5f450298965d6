"""The clerk's work queues, each declared once: its title, its condition as an ORM filter
(the staff pages) and the same condition as SQL (the API's one-statement page,
permitdesk.api.reads.lists), side by side so that one is never changed without the other;
tests/cases/test_queue_conditions.py holds the two to the same cases.

Each queue is one indexed query whatever the size of the data (the balance is the stored
`balance_due`, which the services keep): awaiting-payment reads the partial index
case_awaiting_payment (its WHERE is the same condition); the others read (jurisdiction,
status, submitted_at). Oldest first unless the page asks for another of SORTS (a whitelist:
the newest, by address, by applicant), each ending in the id so that pages never overlap.

"Assigned to me" is the one queue of a person, not of a jurisdiction: the cases whose pending
inspection is assigned to the viewer (a code official or clerk who also inspects). It has no
SQL twin: the API's queues are a jurisdiction's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from permitdesk.cases.models import Application, Inspection, Occupant

LAPSING_WITHIN_DAYS = 14  # how far ahead the clerk's "approvals about to lapse" looks
ORDER = ("submitted_at", "id")  # every queue, oldest first
# The orders a queue page may ask for (?sort=), by name; the first is the default.
SORTS: dict[str, tuple[str, ...]] = {
    "oldest": ORDER,
    "newest": ("-submitted_at", "-id"),
    "address": ("unit__property__normalized_address", "unit__label", "id"),
    "applicant": ("applicant__last_name", "applicant__first_name", "submitted_at", "id"),
}
DEFAULT_SORT = "oldest"
MINE, MINE_TITLE = "assigned-to-me", "Assigned to me"

STATUS = Application.Status
SqlWhere = tuple[str, list[Any]]


def _word(value: str) -> str:
    """One of our own status words as an SQL literal. Written into the statement, not passed
    as a parameter, so that PostgreSQL's generic plan of the prepared statement can prove the
    partial index case_awaiting_payment applies (its WHERE names these words)."""
    if not re.fullmatch(r"[a-z-]+", value):
        raise ValueError(f"not a status word: {value!r}")
    return f"'{value}'"


def _nothing_owed() -> RawSQL:
    """0 written into the statement (like `_word`): as a parameter, PostgreSQL's generic plan
    of the prepared statement cannot prove `balance_due > $1` implies the partial index's
    `balance_due > 0`, and scanned the table (41 ms at 500,000 cases, 0.2 ms with it)."""
    return RawSQL("0", (), output_field=DecimalField())


def _lapsing_until(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=LAPSING_WITHIN_DAYS)


def _pending(**condition: object) -> Exists:
    """The case has a pending inspection that meets `condition`."""
    return Exists(
        Inspection.objects.filter(
            application=OuterRef("pk"), result=Inspection.Result.PENDING, **condition
        )
    )


def _unassigned() -> Exists:
    return _pending(inspector__isnull=True)


def _inspected() -> Exists:
    # NOT EXISTS, not inspections__isnull (a LEFT JOIN PostgreSQL misestimates at county
    # scale: it scanned every submitted case; docs/benchmarks-pages.md)
    return Exists(Inspection.objects.filter(application=OuterRef("pk")))


def _due(today: dt.date) -> Exists:
    """A pending inspection booked for today or a day already past (overdue)."""
    return _pending(scheduled_on__lte=today)


def _assigned(user_id: int) -> Exists:
    return _pending(inspector_id=user_id)


def _named() -> Exists:
    return Exists(Occupant.objects.filter(application=OuterRef("pk")))


def _date(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


@dataclass(frozen=True)
class Queue:
    """A queue: `orm(today)` filters Application; `sql(today)` is the same condition on the
    case row aliased `a`, with its parameters."""

    name: str
    title: str
    orm: Callable[[dt.date], Q]
    sql: Callable[[dt.date], SqlWhere]


_NO_INSPECTION = "NOT EXISTS (SELECT 1 FROM cases_inspection x WHERE x.application_id = a.id)"
_NAMED = "EXISTS (SELECT 1 FROM cases_occupant x WHERE x.application_id = a.id)"

DEFINITIONS = (
    Queue(
        "new",
        "New applications",
        lambda today: Q(~_inspected(), status=STATUS.SUBMITTED),
        lambda today: (f"a.status = {_word(STATUS.SUBMITTED)} AND {_NO_INSPECTION}", []),
    ),
    Queue(
        "awaiting-payment",
        "Awaiting payment",
        lambda today: Q(balance_due__gt=_nothing_owed()) & ~Q(status__in=Application.CLOSED),
        lambda today: (
            f"a.balance_due > 0 AND NOT a.status IN "
            f"({', '.join(_word(s) for s in Application.CLOSED)})",
            [],
        ),
    ),
    Queue(
        "ready-to-schedule",
        "Ready to schedule",
        lambda today: Q(_unassigned(), status=STATUS.INSPECTION_REQUESTED),
        lambda today: (
            f"a.status = {_word(STATUS.INSPECTION_REQUESTED)} AND EXISTS (SELECT 1 FROM "
            "cases_inspection x WHERE x.application_id = a.id AND "
            f"x.result = {_word(Inspection.Result.PENDING)} AND x.inspector_id IS NULL)",
            [],
        ),
    ),
    Queue(  # the inspector's day is today or has passed, and nothing is recorded yet
        "inspections-due",
        "Inspections today and overdue",
        lambda today: Q(_due(today), status=STATUS.INSPECTION_REQUESTED),
        lambda today: (
            f"a.status = {_word(STATUS.INSPECTION_REQUESTED)} AND EXISTS (SELECT 1 FROM "
            "cases_inspection x WHERE x.application_id = a.id AND "
            f"x.result = {_word(Inspection.Result.PENDING)} AND x.scheduled_on <= %s)",
            [_date(today)],
        ),
    ),
    Queue(  # failed; a re-inspection, once requested, moves the case to inspection-requested
        "awaiting-re-inspection",
        "Failed, awaiting re-inspection",
        lambda today: Q(status=STATUS.FAILED),
        lambda today: (f"a.status = {_word(STATUS.FAILED)}", []),
    ),
    Queue(
        "awaiting-occupants",
        "Awaiting occupants",
        lambda today: Q(~_named(), status=STATUS.APPROVED),
        lambda today: (f"a.status = {_word(STATUS.APPROVED)} AND NOT {_NAMED}", []),
    ),
    Queue(  # approved and its occupants named: the permit is next
        "ready-to-issue",
        "Ready to issue",
        lambda today: Q(_named(), status=STATUS.APPROVED),
        lambda today: (f"a.status = {_word(STATUS.APPROVED)} AND {_NAMED}", []),
    ),
    Queue(
        "lapsing",
        "Approvals about to lapse",
        lambda today: Q(
            approval__valid_through__gte=today,
            approval__valid_through__lte=_lapsing_until(today),
            status=STATUS.APPROVED,
        ),
        lambda today: (
            f"a.status = {_word(STATUS.APPROVED)} AND EXISTS (SELECT 1 FROM cases_approval x "
            "WHERE x.application_id = a.id AND x.valid_through >= %s AND x.valid_through <= %s)",
            [_date(today), _date(_lapsing_until(today))],
        ),
    ),
)
BY_NAME = {q.name: q for q in DEFINITIONS}
QUEUES = tuple(BY_NAME)
QUEUE_TITLES = {q.name: q.title for q in DEFINITIONS}


def queue(name: str) -> Queue:
    found = BY_NAME.get(name)
    if found is None:
        raise ValueError(f"queue '{name}' is not one of: {', '.join(QUEUES)}")
    return found


def sort_order(sort: str) -> tuple[str, ...]:
    found = SORTS.get(sort)
    if found is None:
        raise ValueError(f"sort '{sort}' is not one of: {', '.join(SORTS)}")
    return found


def clerk_queue(
    jurisdiction_id: int,
    name: str,
    today: dt.date,
    *,
    me: int | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Application]:
    """One of the clerk's queues in a jurisdiction, oldest first unless `sort` names another
    of SORTS; MINE (with `me`, the viewer's id) is the cases whose pending inspection is theirs."""
    condition = _assigned(me or 0) if name == MINE else queue(name).orm(today)
    return (
        Application.objects.filter(condition, jurisdiction_id=jurisdiction_id)
        .select_related("unit__property", "applicant")
        .order_by(*sort_order(sort))
    )


def queue_where(name: str, today: dt.date) -> SqlWhere:
    """The queue's condition as SQL on the case row `a` (the API's page statement)."""
    return queue(name).sql(today)
