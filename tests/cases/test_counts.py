"""cases.selectors.counts: a jurisdiction's queue counts in one query, each the queue's own count up to
the cap and "N+" beyond it; the capped paginator of the staff lists."""

from __future__ import annotations

from typing import Any

import pytest

from permitdesk.cases.selectors.counts import Capped, capped_count, queue_counts
from permitdesk.cases.selectors.queues import QUEUES, clerk_queue
from permitdesk.web.paging import CappedPaginator
from tests import factories

TODAY = factories.WEDNESDAY


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()


@pytest.mark.django_db
def test_each_count_is_its_queues_below_the_cap(
    who: factories.People, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        factories.submitted(who)
    factories.scheduled(who)
    factories.approved(who)
    jid = who.clerk.memberships.get().jurisdiction_id
    with django_assert_num_queries(1):
        counts = queue_counts(jid, TODAY)
    assert list(counts) == list(QUEUES)
    expected = {q: clerk_queue(jid, q, TODAY).count() for q in QUEUES}
    assert {q: c.count for q, c in counts.items()} == expected
    assert not any(c.more for c in counts.values())
    assert expected["new"] == 3
    assert expected["awaiting-payment"] == 3


@pytest.mark.django_db
def test_a_count_stops_at_the_cap_and_says_so(
    who: factories.People, django_assert_num_queries: Any
) -> None:
    for _ in range(4):
        factories.submitted(who)
    jid = who.clerk.memberships.get().jurisdiction_id
    with django_assert_num_queries(1):
        counts = queue_counts(jid, TODAY, cap=2)
    assert counts["new"] == Capped(2, True)
    assert str(counts["new"]) == "2+"
    assert counts["lapsing"] == Capped(0, False)
    assert str(counts["lapsing"]) == "0"
    assert capped_count(clerk_queue(jid, "new", TODAY), cap=4) == Capped(4, False)
    assert capped_count(clerk_queue(jid, "new", TODAY), cap=3) == Capped(3, True)


@pytest.mark.django_db
def test_an_unknown_jurisdiction_counts_nothing(who: factories.People) -> None:
    assert queue_counts(0, TODAY) == {q: Capped(0, False) for q in QUEUES}


@pytest.mark.django_db
def test_the_capped_paginator_pages_only_as_far_as_the_cap(who: factories.People) -> None:
    for _ in range(5):
        factories.submitted(who)
    jid = who.clerk.memberships.get().jurisdiction_id
    pages = CappedPaginator(clerk_queue(jid, "new", TODAY), 2, cap=3)
    assert (pages.count, pages.more, pages.num_pages) == (3, True, 2)
    assert len(pages.page(2).object_list) == 1
    whole = CappedPaginator(clerk_queue(jid, "new", TODAY), 2, cap=10)
    assert (whole.count, whole.more, whole.num_pages) == (5, False, 3)


@pytest.mark.django_db
def test_a_paginator_told_the_count_does_not_count(
    who: factories.People, django_assert_num_queries: Any
) -> None:
    jid = who.clerk.memberships.get().jurisdiction_id
    pages = CappedPaginator(clerk_queue(jid, "new", TODAY), 2, cap=3, known=Capped(3, True))
    with django_assert_num_queries(0):
        assert (pages.count, pages.more, pages.num_pages) == (3, True, 2)
