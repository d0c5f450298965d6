"""records.services.add_bedroom: a bedroom of the unit; its area decides how many may live
there, so the event shows the unit's bedrooms before and after."""

from __future__ import annotations

import pytest

from tests import factories
from tests.records.services.bedrooms import add, areas
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

REFUSALS = [
    pytest.param(
        lambda who: add(who.clerk, area="-1"),
        "out-of-range",
        "area_sqft must be between 0 and 99999.99",
        id="a negative area",
    ),
    pytest.param(
        lambda who: add(who.clerk, egress="1000"),
        "out-of-range",
        "egress_opening_sqft must be between",
        id="too large an egress",
    ),
    pytest.param(
        lambda who: add(who.inspector),
        "forbidden",
        "clerks and code officials",
        id="an inspector",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_adding_one_shows_the_bedrooms_before_and_after(who: factories.People) -> None:
    call = add(who.clerk, area="90.5")
    with writes_one_event("add-bedroom") as written:
        call()
    assert areas(written.event.before) == ["120.00", "100.00"]
    assert areas(written.event.after) == ["120.00", "100.00", "90.50"]
    assert written.event.object_type == "Unit"
