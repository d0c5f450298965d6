"""Claims in the JSON API: a person lists and claims their relations and ends one; the desk
lists the pending claims, verifies or refuses one. Refusals carry their code and field."""

from __future__ import annotations

from typing import get_args

import pytest

from permitdesk.api.schemas.relations import RelationKind, RelationOut
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.records.models import Relation
from tests import factories
from tests.api.client import Api

pytestmark = pytest.mark.django_db

CLAIM = {
    "jurisdiction": "clayton-mo",
    "parcel_id": "P-1",
    "kind": "managing-agent",
    "evidence": "management agreement of 2026-10-01, signed by the owner",
}


@pytest.fixture
def who() -> factories.People:
    people = factories.people()
    factories.unit("clayton-mo", parcel="P-1", owner=people.owner)
    return people


def test_the_schemas_kinds_and_statuses_are_the_models() -> None:
    assert set(get_args(RelationKind)) == set(Relation.Kind.values)
    status = RelationOut.model_fields["status"].annotation
    assert set(get_args(status)) == set(Relation.Status.values)


def test_a_claim_is_verified_by_the_desk_and_listed_for_its_person(who: factories.People) -> None:
    status, claimed = Api(who.other).post("/relations", CLAIM)
    assert status == 201
    assert (claimed["kind"], claimed["status"], claimed["parcel_id"]) == (
        "managing-agent",
        "claimed",
        "P-1",
    )
    status, pending = Api(who.clerk).get("/claims")
    assert (status, [c["id"] for c in pending["items"]]) == (200, [claimed["id"]])
    assert Api(who.other).get("/claims")[1]["items"] == []

    status, verified = Api(who.clerk).post(f"/relations/{claimed['id']}/verify")
    assert (status, verified["status"]) == (200, "verified")
    assert OutboxMessage.objects.get(kind="relation-decided").to == who.other.email
    mine = Api(who.other).get("/relations")[1]["items"]
    assert [(r["id"], r["status"]) for r in mine] == [(claimed["id"], "verified")]


def test_the_desk_refuses_with_a_reason(who: factories.People) -> None:
    claimed = Api(who.other).post("/relations", CLAIM)[1]
    status, refused = Api(who.official).post(
        f"/relations/{claimed['id']}/refuse", {"reason": "the agreement is not signed"}
    )
    assert (status, refused["status"], refused["reason"]) == (
        200,
        "refused",
        "the agreement is not signed",
    )


def test_the_person_ends_their_relation_and_is_emailed(who: factories.People) -> None:
    claimed = Api(who.other).post("/relations", CLAIM)[1]
    status, ended = Api(who.other).post(
        f"/relations/{claimed['id']}/end", {"reason": "the agreement ended"}
    )
    assert (status, ended["status"], ended["ended_at"] is not None) == (200, "ended", True)
    assert AuditEvent.objects.filter(action="end-relation").count() == 1
    assert OutboxMessage.objects.get(kind="relation-ended").to == who.other.email


REFUSALS = [
    pytest.param(
        {**CLAIM, "parcel_id": "NOPE"}, 409, "unknown", "parcel_id", id="a parcel not recorded"
    ),
    pytest.param(
        {**CLAIM, "unit_label": "9Z"}, 409, "unknown", "unit_label", id="a unit it does not have"
    ),
    pytest.param(
        {**CLAIM, "evidence": "  "}, 409, "required", "evidence", id="an agent without evidence"
    ),
]


@pytest.mark.parametrize(("body", "status", "code", "field"), REFUSALS)
def test_a_bad_claim_is_refused_with_its_code_and_field(
    who: factories.People, body: dict[str, str], status: int, code: str, field: str
) -> None:
    got, answer = Api(who.other).post("/relations", body)
    assert (got, answer["code"], answer["field"]) == (status, code, field)
    assert not Relation.objects.filter(person=who.other).exists()


def test_a_kind_not_in_the_vocabulary_is_422_naming_the_field(who: factories.People) -> None:
    got, answer = Api(who.other).post("/relations", {**CLAIM, "kind": "landlord"})
    assert got == 422
    assert "kind" in str(answer)
    assert not Relation.objects.filter(person=who.other).exists()


def test_a_second_claim_of_the_same_kind_is_taken(who: factories.People) -> None:
    assert Api(who.other).post("/relations", CLAIM)[0] == 201
    got, answer = Api(who.other).post("/relations", CLAIM)
    assert (got, answer["code"], answer["field"]) == (409, "taken", "kind")


def test_an_empty_reason_is_422_and_changes_nothing(who: factories.People) -> None:
    claimed = Api(who.other).post("/relations", CLAIM)[1]
    got, answer = Api(who.clerk).post(f"/relations/{claimed['id']}/refuse", {"reason": ""})
    assert got == 422
    assert "reason" in str(answer)
    assert Relation.objects.get(pk=claimed["id"]).status == "claimed"


def test_deciding_twice_is_refused_with_its_code(who: factories.People) -> None:
    claimed = Api(who.other).post("/relations", CLAIM)[1]
    assert Api(who.clerk).post(f"/relations/{claimed['id']}/verify")[0] == 200
    got, answer = Api(who.clerk).post(f"/relations/{claimed['id']}/verify")
    assert (got, answer["code"]) == (409, "status")
