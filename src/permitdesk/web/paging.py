"""A paginator whose count reads at most CAP rows (cases.selectors.counts): the page says
"500+ cases" and pages as far as the cap, so a long queue or a broad search costs what a short
one does."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from permitdesk.cases.models import Application
from permitdesk.cases.selectors.counts import CAP, Capped, capped_count


class CappedPaginator(Paginator[Application]):
    def __init__(
        self,
        cases: QuerySet[Application],
        per_page: int,
        cap: int = CAP,
        known: Capped | None = None,
    ) -> None:
        """`known`: the count, when the caller has it (then nothing is counted)."""
        super().__init__(cases, per_page)
        self.cases = cases
        self.cap = cap
        self.known = known

    @cached_property
    def capped(self) -> Capped:
        return self.known or capped_count(self.cases, self.cap)

    @cached_property
    def count(self) -> int:
        return self.capped.count

    @property
    def more(self) -> bool:
        """There are more than `count` (only the first `cap` are paged)."""
        return self.capped.more
