"""records.services add_bedroom, change_bedroom, remove_bedroom: a bedroom's area decides how
many may live in the unit, so each change shows the unit's bedrooms before and after."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.records.models import Bedroom, Unit
from permitdesk.records.services import BedroomInput, add_bedroom, change_bedroom, remove_bedroom
from tests import factories
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

NOW = factories.ON_WEDNESDAY


def home() -> Unit:
    return factories.unit("clayton-mo", bedrooms=("120", "100"))


def first(unit: Unit) -> Bedroom:
    return unit.bedrooms.order_by("pk")[0]


def add(actor: User, area: str = "90", egress: str | None = None) -> partial[Bedroom]:
    room = BedroomInput(
        Decimal(area), egress_opening_sqft=None if egress is None else Decimal(egress)
    )
    return partial(add_bedroom, actor=actor, unit=home(), room=room, now=NOW)


def change(actor: User, area: str = "70") -> partial[Bedroom]:
    room = BedroomInput(Decimal(area))
    return partial(change_bedroom, actor=actor, bedroom=first(home()), room=room, now=NOW)


def remove(actor: User) -> partial[None]:
    return partial(remove_bedroom, actor=actor, bedroom=first(home()), now=NOW)


REFUSALS = [
    pytest.param(
        lambda who: add(who.clerk, area="-1"),
        "out-of-range",
        "area_sqft must be between 0 and 99999.99",
        id="add: a negative area",
    ),
    pytest.param(
        lambda who: add(who.clerk, egress="1000"),
        "out-of-range",
        "egress_opening_sqft must be between",
        id="add: too large an egress",
    ),
    pytest.param(
        lambda who: add(who.inspector),
        "forbidden",
        "clerks and code officials",
        id="add: an inspector",
    ),
    pytest.param(lambda who: add(who.owner), "not-found", "not found", id="add: an applicant"),
    pytest.param(
        lambda who: change(who.clerk, area="100000"),
        "out-of-range",
        "area_sqft must be between",
        id="change: too large an area",
    ),
    pytest.param(
        lambda who: change(who.clerk_elsewhere),
        "not-found",
        "not found",
        id="change: another jurisdiction's clerk",
    ),
    pytest.param(
        lambda who: change(who.inspector),
        "forbidden",
        "clerks and code officials",
        id="change: an inspector",
    ),
    pytest.param(
        lambda who: remove(who.owner), "not-found", "not found", id="remove: an applicant"
    ),
    pytest.param(
        lambda who: remove(who.inspector),
        "forbidden",
        "clerks and code officials",
        id="remove: an inspector",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def areas(event_side: dict[str, list[dict[str, object]]]) -> list[object]:
    return [room["area_sqft"] for room in event_side["bedrooms"]]


def test_adding_one_shows_the_bedrooms_before_and_after(who: factories.People) -> None:
    call = add(who.clerk, area="90.5")
    with writes_one_event("add-bedroom") as written:
        call()
    assert areas(written.event.before) == ["120.00", "100.00"]
    assert areas(written.event.after) == ["120.00", "100.00", "90.50"]
    assert written.event.object_type == "Unit"


def test_changing_one_shows_its_old_and_new_area(who: factories.People) -> None:
    call = change(who.official, area="70")
    with writes_one_event("change-bedroom") as written:
        changed = call()
    assert changed.area_sqft == Decimal("70")
    assert (areas(written.event.before), areas(written.event.after)) == (
        ["120.00", "100.00"],
        ["70.00", "100.00"],
    )


def test_changing_one_to_what_it_was_writes_nothing(who: factories.People) -> None:
    call = change(who.clerk, area="120")
    with writes_nothing():
        call()


def test_removing_one_shows_the_bedrooms_left(who: factories.People) -> None:
    call = remove(who.clerk)
    with writes_one_event("remove-bedroom") as written:
        call()
    assert areas(written.event.after) == ["100.00"]
    assert Bedroom.objects.count() == 1
