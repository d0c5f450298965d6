"""relations.verify_relation, refuse_relation and end_relation: the clerk decides a claim and
the claimant is told by e-mail; a relation ends."""

from __future__ import annotations

from functools import partial

import pytest

from permitdesk.cases.services.applications import submit_application
from permitdesk.records.models import Relation
from permitdesk.records.relations import end_relation, refuse_relation, verify_relation
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def pending(who: factories.People, status: str = "claimed") -> Relation:
    """`other` claims to manage `owner`'s Clayton parcel."""
    place = factories.unit("clayton-mo", parcel="P-1", owner=who.owner).property
    return factories.relation(who.other, place, kind="managing-agent", status=status)


def verify(who: factories.People, actor_name: str, status: str = "claimed") -> partial[Relation]:
    relation = pending(who, status)
    return partial(
        verify_relation, actor=getattr(who, actor_name), relation=relation, now=factories.MONDAY
    )


def refuse(who: factories.People, actor_name: str, reason: str = "no letter") -> partial[Relation]:
    relation = pending(who)
    return partial(
        refuse_relation,
        actor=getattr(who, actor_name),
        relation=relation,
        reason=reason,
        now=factories.MONDAY,
    )


def end(who: factories.People, actor_name: str, status: str = "verified") -> partial[Relation]:
    relation = pending(who, status)
    return partial(
        end_relation,
        actor=getattr(who, actor_name),
        relation=relation,
        reason="agency over",
        now=factories.MONDAY,
    )


VERIFY_REFUSALS = [
    pytest.param(lambda who: verify(who, "other"), "not-found", "claim", id="the claimant"),
    pytest.param(lambda who: verify(who, "owner"), "not-found", "claim", id="another applicant"),
    pytest.param(
        lambda who: verify(who, "clerk_elsewhere"), "not-found", "claim", id="another county"
    ),
    pytest.param(
        lambda who: verify(who, "inspector"),
        "forbidden",
        "only a clerk or a code official decides a claim",
        id="an inspector of the jurisdiction",
    ),
    pytest.param(
        lambda who: verify(who, "clerk", "verified"),
        "status",
        "this claim is verified; only a claimed relation is verified or refused",
        id="a claim already verified",
    ),
    pytest.param(
        lambda who: verify(who, "clerk", "ended"),
        "status",
        "this claim is ended",
        id="a relation that ended",
    ),
]
test_verify_refuses_and_writes_nothing = refusal_table(VERIFY_REFUSALS)

REFUSE_REFUSALS = [
    pytest.param(
        lambda who: refuse(who, "clerk", "  "), "required", "a refusal says why", id="no reason"
    ),
    pytest.param(
        lambda who: refuse(who, "clerk", "x" * 2001),
        "too-long",
        "reason is 2001 characters long",
        id="a reason too long",
    ),
    pytest.param(lambda who: refuse(who, "other"), "not-found", "claim", id="the claimant"),
    pytest.param(
        lambda who: refuse(who, "inspector"),
        "forbidden",
        "only a clerk or a code official",
        id="an inspector",
    ),
]
test_refuse_refuses_and_writes_nothing = refusal_table(REFUSE_REFUSALS)

END_REFUSALS = [
    pytest.param(lambda who: end(who, "owner"), "not-found", "claim", id="someone else"),
    pytest.param(
        lambda who: end(who, "other", "refused"),
        "status",
        "this relation is refused; only a claimed or verified one ends",
        id="a refused claim",
    ),
]
test_end_refuses_and_writes_nothing = refusal_table(END_REFUSALS)


@pytest.mark.parametrize("actor_name", ["clerk", "official"])
def test_the_clerk_verifies_and_the_claimant_is_told(
    who: factories.People, actor_name: str
) -> None:
    call = verify(who, actor_name)
    with writes_one_event("verify-relation", messages=("relation-decided",)) as written:
        relation = call()
    assert (relation.status, relation.decided_by) == ("verified", getattr(who, actor_name))
    assert written.messages[0].to == "other-applicant@example.test"
    assert "is verified" in written.messages[0].subject
    assert written.event.before is not None
    assert written.event.before["status"] == "claimed"


def test_the_clerk_refuses_with_a_reason_the_claimant_reads(who: factories.People) -> None:
    call = refuse(who, "clerk", "the letter is not signed by the owner of record")
    with writes_one_event("refuse-relation", messages=("relation-decided",)) as written:
        relation = call()
    assert relation.status == "refused"
    assert "the letter is not signed by the owner of record" in written.messages[0].body


def test_the_person_ends_their_own_relation_and_gets_a_record_of_it(
    who: factories.People,
) -> None:
    call = end(who, "other")
    with writes_one_event("end-relation", messages=("relation-ended",)) as written:
        relation = call()
    assert (relation.status, relation.reason) == ("ended", "agency over")
    assert written.messages[0].to == "other-applicant@example.test"
    assert "ended on November 16, 2026, as you asked" in written.messages[0].body
    assert "Why: agency over" in written.messages[0].body


def test_the_clerk_ends_a_relation_and_the_person_is_told(who: factories.People) -> None:
    call = end(who, "clerk")
    with writes_one_event("end-relation", messages=("relation-ended",)) as written:
        relation = call()
    assert relation.status == "ended"
    assert "ended by the building division" in written.messages[0].body


def test_an_ended_relation_applies_for_the_unit_no_more(who: factories.People) -> None:
    home = factories.unit("clayton-mo", parcel="P-9", owner=who.other)
    mine = home.property.relations.get()
    end_relation(actor=who.other, relation=mine, reason="sold", now=factories.MONDAY)
    with pytest.raises(Refused) as refused:
        submit_application(
            actor=who.other,
            unit=home,
            fee_item="residential-occupancy",
            trigger="lease",
            now=factories.MONDAY,
        )
    assert (refused.value.code, refused.value.field) == ("no-relation", "unit")
