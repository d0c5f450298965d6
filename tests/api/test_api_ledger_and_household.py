"""Refunds, deposits, visitors and the village's change-of-occupancy reports over the API, and
the keyset pages of the case list."""

from __future__ import annotations

import pytest

from permitdesk.cases.models import ChangeOfOccupancyReport, Payment
from tests.api.client import Api, Clock
from tests.factories import issued, people, scheduled, submitted
from tests.factories.records import recorded_unit
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_a_clerk_refunds_part_of_a_payment_and_the_case_owes_it_again(clock: Clock) -> None:
    clock.set(central("2026-11-17 09:00"))
    who = people()
    case, _ = scheduled(who)  # $80 paid
    payment = case.payments.get()
    clerk = Api(who.clerk)
    status, refund = clerk.post(
        f"/payments/{payment.pk}/refunds", {"amount": "30.00", "reason": "paid twice"}
    )
    assert status == 201, refund
    assert (refund["amount"], refund["refund_of"], refund["kind"]) == ("-30.00", payment.pk, "fee")
    detail = clerk.get(f"/applications/{case.pk}")[1]
    assert (detail["fees"], detail["paid"], detail["balance"]) == ("80.00", "50.00", "30.00")
    queue = clerk.get("/jurisdictions/clayton-mo/queues/awaiting-payment")[1]
    assert [(c["id"], c["balance"]) for c in queue["items"]] == [(case.pk, "30.00")]


def test_a_refund_of_more_than_is_left_is_refused_and_records_nothing(clock: Clock) -> None:
    who = people()
    case, _ = scheduled(who)
    payment = case.payments.get()
    status, body = Api(who.clerk).post(
        f"/payments/{payment.pk}/refunds", {"amount": "80.01", "reason": "too much"}
    )
    assert (status, body["detail"]) == (409, "amount must be more than 0.00 and at most 80.00")
    assert Payment.objects.filter(application=case).count() == 1
    status, body = Api(who.clerk).post(f"/payments/{payment.pk}/refunds", {"amount": "5.00"})
    assert (status, body["detail"][0]["loc"]) == (422, ["body", "reason"])


def test_a_deposit_is_paid_apart_from_the_fees(clock: Clock) -> None:
    who = people()
    case = submitted(who)  # $80 of fees, no deposit
    status, body = Api(who.clerk).post(
        f"/applications/{case.pk}/payments",
        {"method": "check", "amount": "10.00", "kind": "deposit"},
    )
    assert (status, body["detail"]) == (409, "amount 10.00 is more than the 0.00 due in deposits")
    detail = Api(who.clerk).get(f"/applications/{case.pk}")[1]
    assert (detail["balance"], detail["deposits"], detail["deposits_held"]) == (
        "80.00",
        "0.00",
        "0.00",
    )


def test_the_household_records_a_visitor_and_the_case_lists_them(clock: Clock) -> None:
    clock.set(central("2026-11-20 09:00"))
    who = people()
    case = issued(who).application
    owner = Api(who.owner)
    status, visitor = owner.post(
        f"/applications/{case.pk}/visitors",
        {"name": "Grandma Whitfield", "arrived_on": "2026-11-19"},
    )
    assert status == 201, visitor
    assert (visitor["name"], visitor["arrived_on"], visitor["left_on"]) == (
        "Grandma Whitfield",
        "2026-11-19",
        None,
    )
    assert [v["name"] for v in owner.get(f"/applications/{case.pk}")[1]["visitors"]] == [
        "Grandma Whitfield"
    ]
    status, body = owner.post(f"/applications/{case.pk}/visitors", {"name": "", "arrived_on": "x"})
    assert status == 422
    assert {tuple(e["loc"]) for e in body["detail"]} == {("body", "name"), ("body", "arrived_on")}


def test_a_village_change_of_occupancy_is_reported_late_and_the_clerk_reads_it(
    clock: Clock,
) -> None:
    clock.set(central("2026-11-20 09:00"))
    who = people("village-ord-08-457")
    unit = recorded_unit(who.owner, "village-ord-08-457", "apartment", units_in_building=12)
    status, report = Api(who.owner).post(
        f"/units/{unit.pk}/change-of-occupancy-reports", {"changed_on": "2026-10-01"}
    )
    assert status == 201, report
    assert (report["unit"], report["due_on"], report["late"]) == (unit.pk, "2026-10-31", True)
    listed = Api(who.clerk).get("/jurisdictions/village-ord-08-457/change-of-occupancy-reports")
    assert [r["id"] for r in listed[1]["items"]] == [report["id"]]
    assert (
        Api(who.owner).get("/jurisdictions/village-ord-08-457/change-of-occupancy-reports")[0]
        == 403
    )


def test_a_jurisdiction_without_the_report_refuses_it(clock: Clock) -> None:
    who = people()
    unit = recorded_unit(who.owner, "clayton-mo")
    status, body = Api(who.owner).post(
        f"/units/{unit.pk}/change-of-occupancy-reports", {"changed_on": "2026-11-01"}
    )
    assert (status, body["detail"]) == (
        409,
        "City of Clayton, Missouri asks for no change-of-occupancy report",
    )
    assert not ChangeOfOccupancyReport.objects.exists()


def test_the_case_list_pages_by_cursor_without_gaps_or_repeats(clock: Clock) -> None:
    who = people()
    made = [submitted(who).pk for _ in range(5)]
    owner = Api(who.owner)
    seen: list[int] = []
    page = owner.get("/applications", limit=2)[1]
    while True:
        seen += [c["id"] for c in page["items"]]
        if page["next"] is None:
            break
        page = owner.get("/applications", limit=2, after=page["next"])[1]
    assert seen == sorted(made, reverse=True)  # the same moment: newest id first
