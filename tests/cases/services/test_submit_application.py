"""applications.submit_application: a new case for a unit, assessed from its pack."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.cases.services import applications, payments
from permitdesk.cases.services.applications import PartyInput
from permitdesk.cases.services.base import balance_due
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import NotACase
from permitdesk.records.models import Unit
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import quote
from tests import factories
from tests.factories.anywhere import MONDAY
from tests.factories.anywhere import file_case as _file
from tests.moments import central
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

COUNTY = "st-louis-county-mo"


def submit(
    actor: User,
    slug: str = "clayton-mo",
    fee_item: str = "residential-occupancy",
    trigger: str = "lease",
    **more: Any,
) -> Application:
    return applications.submit_application(
        actor=actor,
        unit=more.pop("unit", None) or factories.unit(slug, owner=actor),
        fee_item=fee_item,
        trigger=trigger,
        now=factories.MONDAY,
        **more,
    )


def _as(kind: str, status: str, slug: str = "clayton-mo", **more: Any):  # type: ignore[no-untyped-def]
    """An application by `other`, whose relation to the unit is `kind` in `status`."""

    def call(who: factories.People) -> partial[Application]:
        home = factories.unit(slug, owner=who.owner)
        factories.relation(who.other, home.property, kind=kind, status=status)
        return partial(submit, who.other, slug, unit=home, **more)

    return call


def _key_taken_by_another_applicant(who: factories.People) -> partial[Application]:
    submit(who.other, idempotency_key="k-1")
    return partial(
        submit,
        who.owner,
        unit=factories.unit("clayton-mo", parcel="P-2", owner=who.owner),
        idempotency_key="k-1",
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(submit, who.other, unit=factories.unit("clayton-mo", owner=who.owner)),
        "no-relation",
        "you have no relation to this property on record; in City of Clayton, Missouri a lease "
        "is applied for by the owner or managing agent",
        id="someone with no relation to the property",
    ),
    pytest.param(
        _as("owner", "refused"),
        "no-relation",
        "you have no relation to this property on record",
        id="an owner whose claim the clerk refused",
    ),
    pytest.param(
        _as("owner", "ended"),
        "no-relation",
        "you have no relation to this property on record",
        id="an owner whose relation ended",
    ),
    pytest.param(
        _as("tenant", "verified"),
        "relation-kind",
        "as tenant you may not apply for a lease in City of Clayton, Missouri",
        id="a tenant in Clayton, where the owner or agent applies",
    ),
    pytest.param(
        _as("buyer", "verified", COUNTY, fee_item="re-occupancy-permit", trigger="lease"),
        "relation-kind",
        "as buyer you may not apply for a lease",
        id="a buyer applies for a rental in St. Louis County",
    ),
    pytest.param(
        _as("managing-agent", "claimed", factories.VILLAGE, fee_item="occupancy-permit"),
        "relation-unverified",
        "the clerk verifies a managing agent before they may apply",
        id="a village agent whose authorisation is not yet verified",
    ),
    pytest.param(
        lambda who: partial(submit, who.inspector, unit=factories.unit("clayton-mo")),
        "forbidden",
        "inspectors do not submit applications",
        id="an inspector of the jurisdiction applies",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo"),
            unit=factories.unit("clayton-mo"),
        ),
        "forbidden",
        "division administrators do not submit applications",
        id="a division administrator of the jurisdiction applies",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit("clayton-mo", owner=who.owner),
            fee_item="dumpster-permit",
        ),
        "unknown-name",
        "item 'dumpster-permit' of clayton-mo is not filed as a case",
        id="a fee item that is not filed as a case",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit("clayton-mo", owner=who.owner),
            fee_item="no-such-item",
        ),
        "unknown-name",
        "no-such-item",
        id="a fee item the pack does not have",
    ),
    pytest.param(
        lambda who: partial(
            submit, who.owner, unit=factories.unit("clayton-mo", owner=who.owner), trigger="whim"
        ),
        "choice",
        "trigger 'whim' is not one of",
        id="a trigger that does not exist",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit("clayton-mo", owner=who.owner),
            parties=[PartyInput("cousin", "Al")],
        ),
        "choice",
        "party kind 'cousin' is not one of: owner, managing-agent, realtor, tenant",
        id="a party of a kind that does not exist",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit("clayton-mo", owner=who.owner),
            parties=[PartyInput("managing-agent", "  ")],
        ),
        "required",
        "a managing agent needs a name",
        id="a party without a name",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit("clayton-mo", owner=who.owner),
            channel="carrier-pigeon",
        ),
        "choice",
        "channel 'carrier-pigeon' is not one of",
        id="a channel that does not exist",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit(COUNTY, owner=who.owner),
            fee_item="re-occupancy-permit",
            trigger="sale",
            channel="phone",
        ),
        "channel",
        "takes no application by phone",
        id="St. Louis County by telephone",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit(factories.VILLAGE, owner=who.owner),
            fee_item="occupancy-permit",
            owner_certified=False,
        ),
        "certification",
        "the owner certifies the information on a rental application",
        id="a village rental the owner does not certify",
    ),
    pytest.param(
        _key_taken_by_another_applicant,
        "not-found",
        "application not found",
        id="an idempotency key another applicant used",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_an_application_writes_one_audit_event_and_queues_its_receipt(
    who: factories.People,
) -> None:
    home = factories.unit("clayton-mo", owner=who.owner)
    with writes_one_event("submit", messages=("application-received",)) as written:
        case = submit(who.owner, unit=home, parties=[PartyInput("tenant", " Ada Tenant ")])
    assert written.event.application_id == case.pk
    assert written.event.after == {
        "status": "submitted",
        "fee_item": "residential-occupancy",
        "channel": "online",
        "owner_certified": None,
        "total": "80.00",
        "approval_carried_from": None,
        "parties": ["tenant: Ada Tenant"],
        "applied_as": "owner",
        "relation_held_for_clerk": False,
    }
    assert written.messages[0].to == "owner@example.test"


def test_the_same_idempotency_key_again_returns_the_case_and_writes_nothing(
    who: factories.People,
) -> None:
    first = submit(who.owner, idempotency_key="k-1")
    elsewhere = factories.unit("clayton-mo", parcel="P-2")
    with writes_nothing():
        again = submit(who.owner, unit=elsewhere, idempotency_key="k-1")
    assert again == first


@pytest.mark.parametrize(
    ("slug", "fee_item", "kind", "trigger"),
    [
        ("clayton-mo", "residential-occupancy", "managing-agent", "lease"),
        (COUNTY, "re-occupancy-permit", "buyer", "sale"),
        ("st-clair-county-il", "occupancy-inspection", "tenant", "new-occupant"),
        (factories.VILLAGE, "occupancy-permit", "owner", "lease"),
    ],
)
def test_a_claim_the_pack_takes_is_applied_on_and_held_for_the_clerk(
    who: factories.People, slug: str, fee_item: str, kind: str, trigger: str
) -> None:
    home = factories.unit(slug, "single-family")
    factories.relation(who.other, home.property, kind=kind, status="claimed")
    with writes_one_event("submit", messages=("application-received",)) as written:
        submit(who.other, slug, fee_item=fee_item, trigger=trigger, unit=home, owner_certified=True)
    assert written.event.after is not None
    assert written.event.after["applied_as"] == kind
    assert written.event.after["relation_held_for_clerk"] is True


def test_a_clerk_files_for_a_property_without_a_relation(who: factories.People) -> None:
    case = submit(who.clerk, unit=factories.unit("clayton-mo"))
    assert case.applicant == who.clerk


def test_a_tenant_of_another_unit_may_not_apply_for_this_one(who: factories.People) -> None:
    home = factories.unit("st-clair-county-il", "duplex", 2, owner=who.owner)
    other = Unit.objects.create(
        property=home.property, label="B", unit_type="duplex", units_in_building=2
    )
    factories.relation(who.other, home.property, kind="tenant", unit=other)
    with pytest.raises(Refused) as refused, writes_nothing():
        submit(who.other, "st-clair-county-il", "occupancy-inspection", "new-occupant", unit=home)
    assert (refused.value.code, refused.value.field) == ("no-relation", "unit")


def test_the_village_refuses_an_application_for_a_type_ii_unit() -> None:
    owner = factories.user("owner")
    flat = factories.unit("village-ord-08-457", "apartment", 12, owner=owner)
    with pytest.raises(Refused, match="No re-occupancy permit is required for a Type II unit"):
        applications.submit_application(
            actor=owner,
            unit=flat,
            fee_item="occupancy-permit",
            trigger="lease",
            now=central("2026-05-04 10:00"),
        )
    assert not Application.objects.exists()


def test_clayton_refuses_an_application_for_a_sale_without_a_tenancy() -> None:
    owner = factories.user("owner")
    house = factories.unit("clayton-mo", "single-family", owner=owner)
    with pytest.raises(Refused, match="rental properties only"):
        applications.submit_application(
            actor=owner,
            unit=house,
            fee_item="residential-occupancy",
            trigger="sale",
            now=central("2026-05-04 10:00"),
        )


def test_st_clair_carries_an_approval_over_a_change_of_occupancy_within_the_year() -> None:
    crew = factories.staff("st-clair-county-il")
    owner = factories.user("owner")
    home = factories.unit("st-clair-county-il", "apartment", 6, owner=owner)
    now = central("2026-03-02 10:00")
    first = applications.submit_application(
        actor=owner, unit=home, fee_item="occupancy-inspection", trigger="lease", now=now
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=first, method="cash", amount=Decimal("75.00"), now=now
    )
    factories.pass_inspection(
        first,
        requester=owner,
        crew=crew,
        wanted_on=dt.date(2026, 3, 4),
        requested_at=now,
        passed_at=central("2026-03-04 10:00"),
    )
    # New tenants in the autumn: no new inspection, only the $35 permit fee.
    second = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="occupancy-inspection",
        trigger="lease",
        now=central("2026-10-01 10:00"),
    )
    assert second.status == Application.Status.APPROVED
    assert second.approval.carried_from == first.approval
    assert second.approval.valid_through == dt.date(2027, 3, 4)
    assert balance_due(second) == Decimal("35.00")
    # After the year, a new inspection and its fee.
    third = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="occupancy-inspection",
        trigger="lease",
        now=central("2027-03-05 10:00"),
    )
    assert third.status == Application.Status.SUBMITTED
    assert balance_due(third) == Decimal("75.00")


def test_a_fee_item_that_is_not_a_case_program_cannot_be_filed() -> None:
    owner = factories.user("owner")
    home = factories.unit("clayton-mo", owner=owner)
    with pytest.raises(
        NotACase, match="residential-occupancy, commercial-occupancy, prior-to-sale"
    ):
        applications.submit_application(
            actor=owner, unit=home, fee_item="dumpster-permit", trigger="lease", now=MONDAY
        )
    assert not Application.objects.exists()


def test_st_louis_county_takes_no_application_by_telephone() -> None:
    owner = factories.user("owner")
    with pytest.raises(Refused, match="takes no application by phone") as refused:
        _file("st-louis-county-mo", owner, channel="phone")
    assert "Application cannot be made via telephone" in str(refused.value.citation)
    assert not Application.objects.exists()
    case = _file("st-louis-county-mo", factories.user("walk-in"), channel="in-person")
    assert case.channel == "in-person"


def test_the_village_refuses_a_rental_application_the_owner_will_not_certify() -> None:
    owner = factories.user("owner")
    with pytest.raises(Refused, match="certifies the information") as refused:
        _file("village-ord-08-457", owner, owner_certified=False)
    assert refused.value.field == "owner_certified"
    case = _file("village-ord-08-457", factories.user("landlord"), owner_certified=True)
    assert case.owner_certified is True


def test_st_louis_county_files_a_rental_apartment() -> None:
    owner = factories.user("owner")
    flat = factories.unit("st-louis-county-mo", "apartment", units_in_building=12, owner=owner)
    case = applications.submit_application(
        actor=owner, unit=flat, fee_item="re-occupancy-permit", trigger="lease", now=MONDAY
    )
    assert balance_due(case) == Decimal("80.00")


def test_a_first_tenancy_of_new_construction_is_charged_what_the_estimator_quotes() -> None:
    owner = factories.user("owner")
    pack = get_pack("clayton-mo")
    home = factories.unit("clayton-mo", "single-family", owner=owner)
    case = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="residential-occupancy",
        trigger="new-construction",
        now=MONDAY,
    )
    estimate = quote(
        pack,
        "residential-occupancy",
        {"unit_type": "single-family", "new_construction_first_tenancy": True},
        MONDAY.date(),
    )
    assert estimate.total == Decimal("0.00") == balance_due(case)
