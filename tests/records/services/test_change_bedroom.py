"""records.services.change_bedroom: a bedroom's area and facts, with the unit's bedrooms
before and after."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import factories
from tests.records.services.bedrooms import areas, change
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

REFUSALS = [
    pytest.param(
        lambda who: change(who.clerk, area="100000"),
        "out-of-range",
        "area_sqft must be between",
        id="too large an area",
    ),
    pytest.param(
        lambda who: change(who.clerk_elsewhere),
        "not-found",
        "not found",
        id="another jurisdiction's clerk",
    ),
    pytest.param(
        lambda who: change(who.inspector),
        "forbidden",
        "clerks and code officials",
        id="an inspector",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


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
