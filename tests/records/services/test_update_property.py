"""records.services.update_property: a parcel's id and address, with before and after."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.records.models import Property
from permitdesk.records.services import update_property
from tests import factories
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def place() -> Property:
    return factories.unit("clayton-mo").property


def edit(actor: User, target: Property, **change: str) -> Property:
    fields = {
        "parcel_id": target.parcel_id,
        "address": "12 N Central Ave",
        "city": target.city,
        "state": target.state,
        "zip_code": target.zip_code,
    }
    return update_property(
        actor=actor, place=target, now=factories.ON_WEDNESDAY, **{**fields, **change}
    )


def taken(who: factories.People) -> partial[Property]:
    target = place()
    factories.unit("clayton-mo", parcel="P-2")
    return partial(edit, who.clerk, target, parcel_id="P-2")


REFUSALS = [
    pytest.param(
        lambda who: partial(edit, who.clerk, place(), address=" "),
        "required",
        "a parcel id and an address",
        id="no address",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk, place(), parcel_id=""),
        "required",
        "a parcel id and an address",
        id="no parcel id",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk, place(), state="Missouri"),
        "invalid",
        "state must be a two-letter code",
        id="a state's name",
    ),
    pytest.param(taken, "taken", "parcel P-2 is already recorded", id="another parcel's id"),
    pytest.param(
        lambda who: partial(edit, who.inspector, place()),
        "forbidden",
        "clerks and code officials",
        id="an inspector",
    ),
    pytest.param(
        lambda who: partial(edit, who.owner, place()), "not-found", "not found", id="an applicant"
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk_elsewhere, place()),
        "not-found",
        "not found",
        id="another jurisdiction's clerk",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


@pytest.mark.parametrize("by", ["clerk", "official"])
def test_an_edit_writes_one_event_with_before_and_after(who: factories.People, by: str) -> None:
    target = place()
    with writes_one_event("update-property") as written:
        edit(getattr(who, by), target, address=" 12  n Central Ave ", state="mo")
    target.refresh_from_db()
    assert (target.address, target.normalized_address, target.state) == (
        "12  n Central Ave",
        "12 N CENTRAL AVE",
        "MO",
    )
    assert written.event.before["address"] == "10 N Central Ave"
    assert written.event.after["address"] == "12  n Central Ave"
    assert written.event.jurisdiction_slug == "clayton-mo"


def test_an_edit_that_changes_nothing_writes_nothing(who: factories.People) -> None:
    target = place()
    with writes_nothing():
        edit(who.clerk, target, address=target.address)
