"""Counts that stay cheap at county scale: a count reads at most CAP + 1 rows and says "500+"
beyond, so a queue or a search of a large backlog costs what a small one does. A
jurisdiction's queue counts are one query (a capped subquery per queue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value

from permitdesk.cases.models import Application
from permitdesk.cases.selectors.queues import MINE, QUEUES, clerk_queue
from permitdesk.records.models import Jurisdiction

CAP = 500


@dataclass(frozen=True)
class Capped:
    """A count read up to a cap: `count` is exact unless `more` (then there are more)."""

    count: int
    more: bool

    def __str__(self) -> str:
        return f"{self.count}+" if self.more else str(self.count)

    @classmethod
    def of(cls, found: int, cap: int) -> Capped:
        """From a count of at most cap + 1 rows."""
        return cls(min(found, cap), found > cap)


def _first(cases: QuerySet[Application], cap: int) -> QuerySet[Application, Any]:
    """At most cap + 1 of `cases`, in no order (so the database stops at the first it finds)."""
    return cases.order_by().values("pk")[: cap + 1]


def capped_count(cases: QuerySet[Application], cap: int = CAP) -> Capped:
    """How many `cases`, reading at most cap + 1 of them (one query)."""
    return Capped.of(_first(cases, cap).count(), cap)


def _counted(cases: QuerySet[Application], cap: int) -> Subquery:
    """`capped_count` as a subquery: SELECT COUNT(*) over the first cap + 1 cases."""
    rows = (
        Application.objects.filter(pk__in=_first(cases, cap))
        .order_by()
        .annotate(one=Value(1, output_field=IntegerField()))
        .values("one")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


def queue_counts(
    jurisdiction_id: int, today: dt.date, cap: int = CAP, me: int | None = None
) -> dict[str, Capped]:
    """Each clerk queue's count in the jurisdiction (selectors.QUEUES, in order; with `me`,
    the viewer's own queue MINE last), capped, in one query whatever the backlog."""
    wanted = QUEUES if me is None else (*QUEUES, MINE)
    names = {queue: f"q{i}" for i, queue in enumerate(wanted)}
    row = (
        Jurisdiction.objects.filter(pk=jurisdiction_id)
        .annotate(
            **{
                alias: _counted(clerk_queue(jurisdiction_id, queue, today, me=me), cap)
                for queue, alias in names.items()
            }
        )
        .values(*names.values())
        .first()
    )
    if row is None:
        return {queue: Capped(0, False) for queue in wanted}
    return {queue: Capped.of(row[alias] or 0, cap) for queue, alias in names.items()}
