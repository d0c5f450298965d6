"""records.services.update_party: a party's name and contact, edited by the staff of a
jurisdiction whose case names the party."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.records.models import Party
from permitdesk.records.services import update_party
from tests import factories
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def named(who: factories.People) -> Party:
    """A party on a Clayton case."""
    party = Party.objects.create(kind="owner", name="Ada Owner", email="ada@example.test")
    factories.submitted(who).parties.add(party)
    return party


def edit(actor: User, party: Party, **change: str) -> Party:
    fields = {
        "kind": "owner",
        "name": "Ada Owner",
        "email": "ada@example.test",
        "phone": "314-555-0100",
    }
    return update_party(
        actor=actor, party=party, now=factories.ON_WEDNESDAY, **{**fields, **change}
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(edit, who.clerk, named(who), kind="landlord"),
        "choice",
        "kind 'landlord' is not one of: owner",
        id="an unknown kind",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk, named(who), name=" "),
        "required",
        "a party needs a name",
        id="no name",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk, named(who), email="ada@"),
        "invalid",
        "email 'ada@' is not an e-mail address",
        id="a bad e-mail",
    ),
    pytest.param(
        lambda who: partial(edit, who.inspector, named(who)),
        "forbidden",
        "clerks and code officials",
        id="an inspector",
    ),
    pytest.param(
        lambda who: partial(edit, who.owner, named(who)),
        "not-found",
        "not found",
        id="the applicant",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk_elsewhere, named(who)),
        "not-found",
        "not found",
        id="another jurisdiction's clerk",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk, Party.objects.create(kind="tenant", name="T")),
        "not-found",
        "not found",
        id="a party on no case",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_an_edit_writes_one_event_with_before_and_after(who: factories.People) -> None:
    party = named(who)
    with writes_one_event("update-party") as written:
        edit(who.clerk, party, name=" Ada  Owner-King ")
    party.refresh_from_db()
    assert (party.name, party.phone) == ("Ada  Owner-King", "314-555-0100")
    assert written.event.before == {
        "kind": "owner",
        "name": "Ada Owner",
        "email": "ada@example.test",
        "phone": "",
    }
    assert written.event.jurisdiction_slug == "clayton-mo"


def test_an_edit_that_changes_nothing_writes_nothing(who: factories.People) -> None:
    party = named(who)
    edit(who.clerk, party)
    with writes_nothing():
        edit(who.clerk, party)
