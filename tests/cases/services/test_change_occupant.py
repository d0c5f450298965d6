"""occupants.change_occupant and remove_occupant: an occupant corrected or taken off the case
until the permit is issued, each change audited with both versions."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Occupant
from permitdesk.cases.services import occupants
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def named(who: factories.People) -> Occupant:
    """Ada, named on a submitted Clayton case."""
    return occupants.add_occupant(
        actor=who.owner,
        application=factories.submitted(who),
        first_name="Ada",
        last_name="Tenant",
        age=34,
        relationship="head",
        now=factories.ON_WEDNESDAY,
    )


def on_the_permit(who: factories.People) -> Occupant:
    """Ada, listed on the permit issued Wednesday."""
    return factories.issued(who).application.occupants.get()


def change(
    actor: User, occupant: Occupant, first: str = "Ada", last: str = "Tenant-Smith", **more: object
) -> Occupant:
    return occupants.change_occupant(
        actor=actor,
        occupant=occupant,
        first_name=first,
        last_name=last,
        age=35,
        relationship="head",
        now=factories.ON_WEDNESDAY,
        **more,  # type: ignore[arg-type]
    )


def remove(actor: User, occupant: Occupant) -> None:
    occupants.remove_occupant(actor=actor, occupant=occupant, now=factories.ON_WEDNESDAY)


REFUSALS = [
    pytest.param(
        lambda who: partial(change, who.owner, named(who), last=" "),
        "required",
        "an occupant needs a first and a last name",
        id="a name emptied",
    ),
    pytest.param(
        lambda who: partial(change, who.owner, named(who), moves_in_on=dt.date(2020, 1, 1)),
        "out-of-range",
        "moves_in_on 2020-01-01 is out of range",
        id="a move-in date years ago",
    ),
    pytest.param(
        lambda who: partial(change, who.other, named(who)),
        "not-found",
        "not found",
        id="another applicant changes one",
    ),
    pytest.param(
        lambda who: partial(remove, who.other, named(who)),
        "not-found",
        "not found",
        id="another applicant removes one",
    ),
    pytest.param(
        lambda who: partial(change, who.inspector, on_the_permit(who)),
        "forbidden",
        "may not change occupant",
        id="an inspector changes one",
    ),
    pytest.param(
        lambda who: partial(change, who.owner, on_the_permit(who)),
        "status",
        "only until the permit is issued; this case is issued",
        id="changed after the permit is issued",
    ),
    pytest.param(
        lambda who: partial(remove, who.owner, on_the_permit(who)),
        "status",
        "only until the permit is issued; this case is issued",
        id="removed after the permit is issued",
    ),
    pytest.param(
        lambda who: partial(remove, who.clerk, factories.ended(who).application.occupants.get()),
        "status",
        "this case is ended",
        id="removed after the permit ended",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_refusal_after_issue_names_the_occupant_field(who: factories.People) -> None:
    with pytest.raises(occupants.Refused) as refused:
        remove(who.owner, on_the_permit(who))
    assert (refused.value.code, refused.value.field) == ("status", "occupant")


@pytest.mark.parametrize("by", ["owner", "clerk", "official"])
def test_a_change_writes_one_audit_event_with_both_versions(who: factories.People, by: str) -> None:
    ada = named(who)
    with writes_one_event("change-occupant") as written:
        change(getattr(who, by), ada, moves_in_on=dt.date(2026, 12, 1))
    assert written.event.before == {
        "name": "Ada Tenant",
        "age": 34,
        "relationship": "head",
        "moves_in_on": None,
    }
    assert written.event.after == {
        "name": "Ada Tenant-Smith",
        "age": 35,
        "relationship": "head",
        "moves_in_on": "2026-12-01",
    }
    stored = Occupant.objects.get(pk=ada.pk)
    assert (stored.last_name, stored.moves_in_on) == ("Tenant-Smith", dt.date(2026, 12, 1))


def test_an_approved_case_may_still_change_its_occupants(who: factories.People) -> None:
    ada = factories.approved(who).occupants.get()
    with writes_one_event("change-occupant"):
        change(who.owner, ada)


def test_a_removal_writes_one_audit_event_and_deletes_the_occupant(
    who: factories.People,
) -> None:
    ada = named(who)
    with writes_one_event("remove-occupant") as written:
        remove(who.owner, ada)
    assert written.event.before is not None
    assert written.event.before["name"] == "Ada Tenant"
    assert written.event.after is None
    assert not Occupant.objects.filter(pk=ada.pk).exists()


def test_an_occupant_removed_already_is_not_found(who: factories.People) -> None:
    ada = named(who)
    remove(who.owner, ada)
    with pytest.raises(occupants.NotFound):
        remove(who.owner, ada)
