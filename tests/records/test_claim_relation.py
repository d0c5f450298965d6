"""relations.claim_relation and create_property's first claim: who a person is to a parcel."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.records.models import Property, Relation
from permitdesk.records.relations import claim_relation
from permitdesk.records.services import create_property
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def claim(actor: User, **more: Any) -> Relation:
    return claim_relation(
        **{
            "actor": actor,
            "jurisdiction_slug": "clayton-mo",
            "parcel_id": "P-1",
            "kind": "managing-agent",
            "evidence": "owner's letter of 2026-01-02",
            "now": factories.MONDAY,
            **more,
        }
    )


def recorded(who: factories.People) -> Property:
    return factories.unit("clayton-mo", parcel="P-1", owner=who.owner).property


REFUSALS = [
    pytest.param(
        lambda who: partial(claim, who.other, jurisdiction_slug="atlantis"),
        "unknown-name",
        "jurisdiction 'atlantis' is not served here",
        id="a jurisdiction not served",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.clerk))[1],
        "forbidden",
        "the staff of a jurisdiction decide claims there",
        id="the jurisdiction's clerk claims",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.inspector))[1],
        "forbidden",
        "the staff of a jurisdiction decide claims there",
        id="the jurisdiction's inspector claims",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.other, kind="cousin"))[1],
        "choice",
        "kind 'cousin' is not one of: owner, managing-agent, buyer, tenant",
        id="a kind that does not exist",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.other, kind="tenant", evidence=" "))[1],
        "required",
        "a tenant's claim names its evidence: the lease",
        id="a tenant without the lease",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.other, evidence="x" * 2001))[1],
        "too-long",
        "evidence is 2001 characters long; at most 2000 are kept",
        id="evidence too long",
    ),
    pytest.param(
        lambda who: partial(claim, who.other, parcel_id="NOPE"),
        "unknown",
        "parcel NOPE is not recorded in City of Clayton, Missouri: add the property instead",
        id="a parcel not recorded",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.other, parcel_id="  "))[1],
        "required",
        "a claim names the parcel id",
        id="no parcel id",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.other, kind="tenant", unit_label="9Z"))[1],
        "unknown",
        "has no unit '9Z'",
        id="a unit the parcel does not have",
    ),
    pytest.param(
        lambda who: (recorded(who), partial(claim, who.owner, kind="owner"))[1],
        "taken",
        "you already claim to be the owner of record",
        id="the same relation twice",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_claim_writes_one_audit_event_and_waits_for_the_clerk(
    who: factories.People,
) -> None:
    place = recorded(who)
    with writes_one_event("claim-relation") as written:
        relation = claim(who.other)
    assert (relation.property, relation.kind, relation.status) == (
        place,
        "managing-agent",
        "claimed",
    )
    assert written.event.after is not None
    assert written.event.after["evidence"] == "owner's letter of 2026-01-02"
    assert written.event.jurisdiction_slug == "clayton-mo"


def test_a_refused_claim_may_be_claimed_again(who: factories.People) -> None:
    place = recorded(who)
    factories.relation(who.other, place, kind="managing-agent", status="refused")
    assert claim(who.other).status == "claimed"


def test_recording_a_parcel_claims_the_recorders_relation(who: factories.People) -> None:
    factories.jurisdiction("clayton-mo")
    place = create_property(
        actor=who.other,
        jurisdiction_slug="clayton-mo",
        parcel_id="NEW-1",
        address="1 Main St",
        city="Clayton",
        state="mo",
        zip_code="63105",
        now=factories.MONDAY,
    )
    relation = Relation.objects.get(property=place)
    assert (relation.person, relation.kind, relation.status) == (who.other, "owner", "claimed")


def test_the_clerk_records_a_parcel_without_a_relation(who: factories.People) -> None:
    factories.jurisdiction("clayton-mo")
    create_property(
        actor=who.clerk,
        jurisdiction_slug="clayton-mo",
        parcel_id="NEW-1",
        address="1 Main St",
        city="Clayton",
        state="MO",
        zip_code="63105",
        now=factories.MONDAY,
    )
    assert not Relation.objects.exists()


def test_recording_a_recorded_parcel_points_to_the_claim(who: factories.People) -> None:
    recorded(who)
    with pytest.raises(Refused) as refused, writes_nothing():
        create_property(
            actor=who.other,
            jurisdiction_slug="clayton-mo",
            parcel_id="P-1",
            address="10 N Central Ave",
            city="Clayton",
            state="MO",
            zip_code="63105",
            now=factories.MONDAY,
        )
    assert (refused.value.code, refused.value.field) == ("taken", "parcel_id")
    assert "claim your relation to it instead" in refused.value.reason
