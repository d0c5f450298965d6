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
from permitdesk.rules.lifecycle import Refused
from tests import factories
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
        unit=more.pop("unit", None) or factories.unit(slug),
        fee_item=fee_item,
        trigger=trigger,
        now=factories.MONDAY,
        **more,
    )


def _key_taken_by_another_applicant(who: factories.People) -> partial[Application]:
    submit(who.other, idempotency_key="k-1")
    return partial(
        submit, who.owner, unit=factories.unit("clayton-mo", parcel="P-2"), idempotency_key="k-1"
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(submit, who.inspector, unit=factories.unit("clayton-mo")),
        "forbidden",
        "inspectors do not submit applications",
        id="an inspector of the jurisdiction applies",
    ),
    pytest.param(
        lambda who: partial(
            submit, who.owner, unit=factories.unit("clayton-mo"), fee_item="dumpster-permit"
        ),
        "unknown-name",
        "item 'dumpster-permit' of clayton-mo is not filed as a case",
        id="a fee item that is not filed as a case",
    ),
    pytest.param(
        lambda who: partial(
            submit, who.owner, unit=factories.unit("clayton-mo"), fee_item="no-such-item"
        ),
        "unknown-name",
        "no-such-item",
        id="a fee item the pack does not have",
    ),
    pytest.param(
        lambda who: partial(submit, who.owner, unit=factories.unit("clayton-mo"), trigger="whim"),
        "choice",
        "trigger 'whim' is not one of",
        id="a trigger that does not exist",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit("clayton-mo"),
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
            unit=factories.unit("clayton-mo"),
            parties=[PartyInput("managing-agent", "  ")],
        ),
        "required",
        "a managing agent needs a name",
        id="a party without a name",
    ),
    pytest.param(
        lambda who: partial(
            submit, who.owner, unit=factories.unit("clayton-mo"), channel="carrier-pigeon"
        ),
        "choice",
        "channel 'carrier-pigeon' is not one of",
        id="a channel that does not exist",
    ),
    pytest.param(
        lambda who: partial(
            submit,
            who.owner,
            unit=factories.unit(COUNTY),
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
            unit=factories.unit(factories.VILLAGE),
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
    home = factories.unit("clayton-mo")
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


def test_the_village_refuses_an_application_for_a_type_ii_unit() -> None:
    owner = factories.user("owner")
    flat = factories.unit("village-ord-08-457", "apartment", 12)
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
    house = factories.unit("clayton-mo", "single-family")
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
    home = factories.unit("st-clair-county-il", "apartment", 6)
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
