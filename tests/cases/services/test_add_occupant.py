"""occupants.add_occupant: every person who will live there, named on the permit."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Occupant
from permitdesk.cases.services import occupants
from tests import factories
from tests.factories import anywhere
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def add(actor: User, case: Application, first: str = "Ada", last: str = "Tenant") -> Occupant:
    return occupants.add_occupant(
        actor=actor,
        application=case,
        first_name=first,
        last_name=last,
        age=34,
        relationship="head",
        now=factories.ON_WEDNESDAY,
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(add, who.owner, factories.submitted(who), first=" "),
        "required",
        "an occupant needs a first and a last name",
        id="no first name",
    ),
    pytest.param(
        lambda who: partial(add, who.owner, factories.submitted(who), last=""),
        "required",
        "an occupant needs a first and a last name",
        id="no last name",
    ),
    pytest.param(
        lambda who: partial(add, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant adds one",
    ),
    pytest.param(
        lambda who: partial(add, who.inspector, factories.scheduled(who)[0]),
        "forbidden",
        "may not add occupant",
        id="the case's inspector adds one",
    ),
    pytest.param(
        lambda who: partial(add, who.owner, factories.withdrawn(who)),
        "status",
        "cannot add occupant a case that is withdrawn",
        id="a withdrawn case",
    ),
    pytest.param(
        lambda who: partial(add, who.owner, factories.ended(who).application),
        "status",
        "cannot add occupant a case that is ended",
        id="a case whose permit ended",
    ),
    pytest.param(
        lambda who: partial(
            occupants.add_occupant,
            actor=who.owner,
            application=factories.submitted(who),
            first_name="Ada",
            last_name="Tenant",
            moves_in_on=dt.date(2031, 1, 1),
            now=factories.ON_WEDNESDAY,
        ),
        "out-of-range",
        "moves_in_on 2031-01-01 is out of range",
        id="a move-in date years away",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


@pytest.mark.parametrize("by", ["owner", "clerk", "official"])
def test_an_occupant_writes_one_audit_event(who: factories.People, by: str) -> None:
    case = factories.submitted(who)
    with writes_one_event("add-occupant") as written:
        add(getattr(who, by), case, first=" Ada ", last=" Tenant ")
    assert written.event.before is None
    assert written.event.after == {
        "name": "Ada Tenant",
        "age": 34,
        "relationship": "head",
        "moves_in_on": None,
    }


def test_a_move_in_date_is_kept_and_audited(who: factories.People) -> None:
    case = factories.submitted(who)
    with writes_one_event("add-occupant") as written:
        occupant = occupants.add_occupant(
            actor=who.owner,
            application=case,
            first_name="Ada",
            last_name="Tenant",
            moves_in_on=dt.date(2026, 12, 1),
            now=factories.ON_WEDNESDAY,
        )
    assert Occupant.objects.get(pk=occupant.pk).moves_in_on == dt.date(2026, 12, 1)
    assert written.event.after["moves_in_on"] == "2026-12-01"


def test_an_occupant_takes_its_cases_jurisdiction(who: factories.People) -> None:
    """The staff search filters occupants by it (cases.search), so the writer keeps it."""
    here = factories.submitted(who)
    there = anywhere.file_case("st-louis-county-mo", who.owner)
    assert here.jurisdiction_id != there.jurisdiction_id
    for case in (here, there):
        occupant = add(who.owner, case)
        assert Occupant.objects.get(pk=occupant.pk).jurisdiction_id == case.jurisdiction_id
