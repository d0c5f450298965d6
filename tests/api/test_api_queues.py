"""The clerk's queues over the API: their cases, their balances, and who may read them."""

from __future__ import annotations

import pytest

from tests.api.client import Api, Clock
from tests.factories import people, scheduled, submitted
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_a_clerk_reads_each_queue_of_their_jurisdiction_with_the_balances(clock: Clock) -> None:
    clock.set(central("2026-11-17 09:00"))
    who = people()
    fresh = submitted(who)
    waiting, _ = scheduled(who)
    clerk = Api(who.clerk)
    status, page = clerk.get("/jurisdictions/clayton-mo/queues/new")
    assert status == 200
    assert [(c["id"], c["balance"]) for c in page["items"]] == [(fresh.pk, "80.00")]
    status, page = clerk.get("/jurisdictions/clayton-mo/queues/awaiting-payment")
    assert [c["id"] for c in page["items"]] == [fresh.pk]
    status, page = clerk.get("/jurisdictions/clayton-mo/queues/ready-to-schedule")
    assert [c["id"] for c in page["items"]] == []  # its inspection already has an inspector
    waiting.refresh_from_db()
    assert waiting.status == "inspection-requested"


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("official", 200),
        ("clerk", 200),
        ("inspector", 403),
        ("owner", 403),
        ("clerk_elsewhere", 403),
    ],
)
def test_only_the_jurisdictions_clerks_and_code_officials_read_its_queues(
    clock: Clock, caller: str, status: int
) -> None:
    who = people()
    assert Api(getattr(who, caller)).get("/jurisdictions/clayton-mo/queues/new")[0] == status


def test_an_unknown_queue_or_jurisdiction_is_refused(clock: Clock) -> None:
    who = people()
    clerk = Api(who.clerk)
    assert clerk.get("/jurisdictions/clayton-mo/queues/everything")[0] == 422
    assert clerk.get("/jurisdictions/atlantis/queues/new")[0] == 404
    assert Api().get("/jurisdictions/clayton-mo/queues/new")[0] == 401
