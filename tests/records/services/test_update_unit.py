"""records.services.update_unit: a unit's label, type and alarms, with before and after."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.records.models import Unit
from permitdesk.records.services import update_unit
from tests import factories
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def edit(actor: User, target: Unit, **change: object) -> Unit:
    fields: dict[str, object] = {
        "label": "A",
        "unit_type": "single-family",
        "units_in_building": 1,
    }
    return update_unit(actor=actor, unit=target, now=factories.ON_WEDNESDAY, **{**fields, **change})  # type: ignore[arg-type]


def home() -> Unit:
    return factories.unit("clayton-mo")


def label_taken(who: factories.People) -> partial[Unit]:
    target = home()
    Unit.objects.create(property=target.property, label="B", unit_type="apartment")
    return partial(edit, who.clerk, target, label="B")


REFUSALS = [
    pytest.param(
        lambda who: partial(edit, who.clerk, home(), unit_type="studio"),
        "choice",
        "unit_type 'studio' is not one of",
        id="an unknown type",
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk, home(), units_in_building=0),
        "too-small",
        "at least 1",
        id="no units in the building",
    ),
    pytest.param(label_taken, "taken", "unit 'B' is already recorded", id="another unit's label"),
    pytest.param(
        lambda who: partial(edit, who.inspector, home()),
        "forbidden",
        "clerks and code officials",
        id="an inspector",
    ),
    pytest.param(
        lambda who: partial(edit, who.owner, home()), "not-found", "not found", id="an applicant"
    ),
    pytest.param(
        lambda who: partial(edit, who.clerk_elsewhere, home()),
        "not-found",
        "not found",
        id="another jurisdiction's clerk",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


@pytest.mark.parametrize("by", ["clerk", "official"])
def test_an_edit_writes_one_event_with_before_and_after(who: factories.People, by: str) -> None:
    target = home()
    with writes_one_event("update-unit") as written:
        edit(getattr(who, by), target, label=" A ", unit_type="duplex", units_in_building=2)
    target.refresh_from_db()
    assert (target.label, target.unit_type, target.units_in_building) == ("A", "duplex", 2)
    assert (written.event.before["unit_type"], written.event.after["unit_type"]) == (
        "single-family",
        "duplex",
    )


def test_an_edit_that_changes_nothing_writes_nothing(who: factories.People) -> None:
    target = home()
    with writes_nothing():
        edit(who.clerk, target, label="")
