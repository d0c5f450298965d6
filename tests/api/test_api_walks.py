"""One case per jurisdiction through the JSON API with bearer tokens, as tests/cases walks it
through the services, with the fees and dates the documents give."""

from __future__ import annotations

import pytest

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Permit
from tests import factories
from tests.api.client import Api, Clock
from tests.api.steps import add_occupant, apply, detail, inspect, ok, pay, record_unit
from tests.api.steps import request_inspection as ask
from tests.factories import issued, people
from tests.moments import central

pytestmark = pytest.mark.django_db


def crew(slug: str) -> tuple[Api, Api, int, Api]:
    """The clerk's, the inspector's and the code official's clients, and the inspector's id."""
    staff = factories.staff(slug)
    inspector = staff[Role.INSPECTOR]
    return Api(staff[Role.CLERK]), Api(inspector), inspector.pk, Api(staff[Role.CODE_OFFICIAL])


def test_a_clayton_case_runs_from_application_to_a_public_verification_and_ends(
    clock: Clock,
) -> None:
    clerk, inspector, inspector_id, _ = crew("clayton-mo")
    owner = Api(factories.user("owner"))
    clock.set(central("2026-11-16 10:00"))
    unit = record_unit(owner, "clayton-mo")
    case = apply(owner, unit, "residential-occupancy", "lease")
    # $80 for a single-family home; processing takes 24 business hours.
    assert (case["fees"], case["balance"]) == ("80.00", "80.00")
    assert case["processed_at"] == "2026-11-17T16:00:00Z"  # Tuesday 10:00 AM in Clayton
    # Tuesday is refused: processed Tuesday 10 AM, the first day is Wednesday.
    code, refused = ask(owner, case["id"], "2026-11-17", "am")
    assert code == 409
    assert "first day this request can be placed on is 2026-11-18" in refused["detail"]
    assert refused["citation"]
    pay(clerk, case["id"], "80.00")
    first = ok(ask(owner, case["id"], "2026-11-18", "am"), 201)
    ok(clerk.post(f"/inspections/{first['id']}/assign", {"inspector": inspector_id}))
    clock.set(central("2026-11-18 09:30"))
    violation = {"code_citation": "IPMC 704.2", "description": "No smoke alarm in bedroom 2"}
    failed = ok(
        inspector.post(
            f"/inspections/{first['id']}/result", {"result": "failed", "violations": [violation]}
        )
    )
    assert failed["violations"][0]["code_citation"] == "IPMC 704.2"
    clock.set(central("2026-11-18 11:00"))
    second = ok(ask(owner, case["id"], "2026-11-20", "pm"), 201)
    assert second["number"] == 2
    assert detail(owner, case["id"])["balance"] == "0.00"  # Clayton states no re-inspection fee
    ok(clerk.post(f"/inspections/{second['id']}/assign", {"inspector": inspector_id}))
    clock.set(central("2026-11-20 14:00"))
    ok(inspector.post(f"/inspections/{second['id']}/result", {"result": "passed"}))
    assert detail(owner, case["id"])["approval"]["valid_through"] == "2027-02-18"  # + 90 days
    clock.set(central("2026-11-20 15:00"))
    code, refused = clerk.post(f"/applications/{case['id']}/permits")
    assert code == 409
    assert "add every occupant" in refused["detail"]
    add_occupant(owner, case["id"], "Ada", "Tenant", age=34, relationship="head")
    add_occupant(owner, case["id"], "Ben", "Tenant", age=6, relationship="son")
    clock.set(central("2026-11-23 09:00"))
    permit = ok(clerk.post(f"/applications/{case['id']}/permits"), 201)
    assert permit["ends_on"] == "2031-11-23"  # five years after the original date of issue
    public = Api()
    # the place only to the token (the QR code), not to the sequential number (decision 0007)
    for key, address in (
        (permit["number"], None),
        (permit["verification_token"], "10 N Central Ave"),
    ):
        seen = ok(public.get(f"/verify/{key}"))
        assert seen["status"] == "valid"
        assert (seen["address"], seen["issued_on"]) == (address, "2026-11-23")
        assert "Tenant" not in str(seen)  # no occupant
        assert "owner" not in str(seen)  # no applicant
    clock.set(central("2027-08-01 09:00"))
    ok(clerk.post(f"/permits/{permit['id']}/end", {"reason": "change-of-tenancy"}))
    seen = ok(public.get(f"/verify/{permit['number']}"))
    assert (seen["status"], seen["end_reason"], seen["ended_on"]) == (
        "ended",
        "change-of-tenancy",
        "2027-08-01",
    )
    assert detail(owner, case["id"])["status"] == "ended"
    trail = ok(clerk.get(f"/applications/{case['id']}/audit", limit=100))
    assert [event["action"] for event in trail["items"]] == [
        "submit",
        "record-payment",
        "request-inspection",
        "assign-inspector",
        "record-failed",
        "request-inspection",
        "assign-inspector",
        "record-passed",
        "add-occupant",
        "add-occupant",
        "issue-permit",
        "end-permit",
    ]
    assert trail["items"][0]["actor"] == "owner"


def test_a_st_clair_case_charges_re_inspection_and_the_permit_fee_and_ends_the_temporary_permit(
    clock: Clock,
) -> None:
    clerk, inspector, inspector_id, official = crew("st-clair-county-il")
    owner = Api(factories.user("owner"))
    clock.set(central("2026-03-02 10:00"))
    unit = record_unit(owner, "st-clair-county-il", "duplex", 2)
    case = apply(owner, unit, "occupancy-inspection", "lease")
    assert case["balance"] == "100.00"  # duplex
    temporary = ok(official.post(f"/applications/{case['id']}/temporary-permits"), 201)
    assert temporary["kind"] == Permit.Kind.TEMPORARY
    clock.set(central("2026-03-03 10:00"))
    ok(inspect(clerk, inspector, inspector_id, case["id"], "2026-03-04", "no-access", clock))
    assert detail(owner, case["id"])["balance"] == "150.00"  # + $50 no access
    second = ok(ask(owner, case["id"], "2026-03-06"), 201)
    assert detail(owner, case["id"])["balance"] == "200.00"  # + $50 re-inspection
    ok(clerk.post(f"/inspections/{second['id']}/assign", {"inspector": inspector_id}))
    clock.set(central("2026-03-06 10:00"))
    code, refused = inspector.post(f"/inspections/{second['id']}/result", {"result": "passed"})
    assert code == 409
    assert "before the approved inspection report" in refused["detail"]
    code, refused = clerk.post(
        f"/applications/{case['id']}/payments", {"method": "visa", "amount": "200.00"}
    )
    assert code == 409
    assert "not accepted" in refused["detail"]
    assert refused["citation"]
    pay(clerk, case["id"], "200.00", "cash")
    ok(inspector.post(f"/inspections/{second['id']}/result", {"result": "passed"}))
    case = detail(owner, case["id"])
    assert case["approval"]["valid_through"] == "2027-03-06"  # one year
    assert case["balance"] == "35.00"  # the occupancy permit fee
    add_occupant(owner, case["id"], "Cy", "Renter")
    pay(clerk, case["id"], "35.00")
    clock.set(central("2026-03-09 10:00"))
    code, refused = clerk.post(f"/applications/{case['id']}/permits", {"evidence": "a letter"})
    assert code == 409
    assert "lease" in refused["detail"]
    permit = ok(clerk.post(f"/applications/{case['id']}/permits", {"evidence": "lease"}), 201)
    assert permit["ends_on"] is None  # St. Clair sets no permit term
    permits = {p["kind"]: p for p in detail(owner, case["id"])["permits"]}
    assert permits["temporary"]["end_reason"] == "certificate of occupancy issued"


def test_the_village_refuses_an_inspection_before_the_fee_and_offers_a_conditional_permit(
    clock: Clock,
) -> None:
    clerk, inspector, inspector_id, official = crew("village-ord-08-457")
    owner = Api(factories.user("owner"))
    clock.set(central("2026-05-04 10:00"))
    flat = record_unit(owner, "village-ord-08-457", "apartment", 12, parcel="P-2")
    code, refused = owner.post(
        "/applications", {"unit": flat, "fee_item": "occupancy-permit", "trigger": "lease"}
    )
    assert code == 409
    assert "No re-occupancy permit is required for a Type II unit" in refused["detail"]
    unit = record_unit(owner, "village-ord-08-457")
    case = apply(owner, unit, "occupancy-permit", "sale")
    assert case["balance"] == "80.00"
    code, refused = ask(owner, case["id"], "2026-05-06", "am")
    assert code == 409
    assert "paid before the inspection" in refused["detail"]
    pay(clerk, case["id"], "80.00")
    # May 8 is Truman Day (a Missouri holiday): the second visit is the Monday after.
    for day in ("2026-05-07", "2026-05-11"):
        ok(inspect(clerk, inspector, inspector_id, case["id"], day, "failed", clock))
    # Only a code official issues a conditional permit.
    conditional = {
        "owner_statement": "I will re-hang the gutters",
        "correction_due_on": "2026-06-30",
    }
    code, _ = clerk.post(f"/applications/{case['id']}/conditional-permits", conditional)
    assert code == 403
    permit = ok(official.post(f"/applications/{case['id']}/conditional-permits", conditional), 201)
    assert (permit["kind"], permit["correction_due_on"]) == ("conditional", "2026-06-30")
    assert detail(owner, case["id"])["status"] == "conditional"
    third = ok(ask(owner, case["id"], "2026-06-01", "am"), 201)
    assert detail(owner, case["id"])["balance"] == "40.00"  # the fee covers one re-inspection
    pay(clerk, case["id"], "40.00")
    ok(clerk.post(f"/inspections/{third['id']}/assign", {"inspector": inspector_id}))
    clock.set(central("2026-06-01 10:00"))
    ok(inspector.post(f"/inspections/{third['id']}/result", {"result": "passed"}))
    add_occupant(owner, case["id"], "Di", "Buyer")
    code, refused = clerk.post(f"/applications/{case['id']}/permits")
    assert code == 409
    assert "age and relationship" in refused["detail"]


def test_st_louis_county_checks_the_occupant_count_against_the_bedrooms(clock: Clock) -> None:
    clerk, inspector, inspector_id, _ = crew("st-louis-county-mo")
    buyer = Api(factories.user("buyer"))
    clock.set(central("2026-04-01 10:00"))
    unit = record_unit(buyer, "st-louis-county-mo", "condo", 12, bedrooms=("75",))
    case = apply(buyer, unit, "re-occupancy-permit", "sale")
    assert case["balance"] == "80.00"
    pay(clerk, case["id"], "80.00")
    clock.set(central("2026-04-02 10:00"))
    ok(inspect(clerk, inspector, inspector_id, case["id"], "2026-04-03", "passed", clock))
    assert detail(buyer, case["id"])["approval"]["valid_through"] == "2026-08-01"  # 120 days
    add_occupant(buyer, case["id"], "E", "One")
    add_occupant(buyer, case["id"], "F", "Two")
    clock.set(central("2026-04-04 10:00"))
    code, refused = clerk.post(f"/applications/{case['id']}/permits")
    assert code == 409
    assert "bedrooms allow at most 1" in refused["detail"]
    assert refused["citation"]


def test_an_issued_permit_is_amended_over_the_api_and_verification_follows(clock: Clock) -> None:
    clock.set(central("2026-11-16 11:00"))
    who = people()
    first = issued(who)
    clerk = Api(who.clerk)
    status, amended = clerk.post(f"/applications/{first.application_id}/amended-permits")
    assert (status, amended["kind"]) == (201, "amended")
    assert Api().get(f"/verify/{first.number}")[1]["status"] == "ended"
    assert Api().get(f"/verify/{amended['number']}")[1]["status"] == "valid"
