"""records.services.remove_bedroom: a bedroom taken off the unit, with the unit's bedrooms
before and after."""

from __future__ import annotations

import pytest

from permitdesk.records.models import Bedroom
from tests import factories
from tests.records.services.bedrooms import areas, remove
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

REFUSALS = [
    pytest.param(lambda who: remove(who.owner), "not-found", "not found", id="an applicant"),
    pytest.param(
        lambda who: remove(who.inspector),
        "forbidden",
        "clerks and code officials",
        id="an inspector",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_removing_one_shows_the_bedrooms_left(who: factories.People) -> None:
    call = remove(who.clerk)
    with writes_one_event("remove-bedroom") as written:
        call()
    assert areas(written.event.after) == ["100.00"]
    assert Bedroom.objects.count() == 1
