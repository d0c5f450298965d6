"""Occupants over the API: named with the day they move in, corrected and removed until the
permit is issued (cases.services.occupants), each refusal answered with its field and writing
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Occupant
from permitdesk.cases.services import occupants
from tests.api.client import Api, Clock
from tests.factories import ON_WEDNESDAY, issued, people, submitted
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

ADA = {"first_name": "Ada", "last_name": "Tenant", "age": 34, "relationship": "head"}


def named(case: Application) -> Occupant:
    return occupants.add_occupant(
        actor=case.applicant,
        application=case,
        first_name="Ada",
        last_name="Tenant",
        now=ON_WEDNESDAY,
    )


def test_an_occupant_is_named_with_the_day_they_move_in(clock: Clock) -> None:
    clock.set(ON_WEDNESDAY)
    who = people()
    case = submitted(who)
    owner = Api(who.owner)
    status, body = owner.post(
        f"/applications/{case.pk}/occupants", {**ADA, "moves_in_on": "2026-12-01"}
    )
    assert status == 201, body
    assert (body["first_name"], body["moves_in_on"]) == ("Ada", "2026-12-01")
    listed = owner.get(f"/applications/{case.pk}")[1]["occupants"]
    assert [(o["id"], o["moves_in_on"]) for o in listed] == [(body["id"], "2026-12-01")]


def test_the_applicant_corrects_an_occupant_and_the_history_keeps_both(clock: Clock) -> None:
    clock.set(ON_WEDNESDAY)
    who = people()
    ada = named(submitted(who))
    owner = Api(who.owner)
    changed = {**ADA, "last_name": "Tenant-Smith", "moves_in_on": "2026-12-01"}
    with writes_one_event("change-occupant") as written:
        status, body = owner.post(f"/occupants/{ada.pk}/change", changed)
    assert status == 200, body
    assert (body["id"], body["last_name"], body["age"], body["moves_in_on"]) == (
        ada.pk,
        "Tenant-Smith",
        34,
        "2026-12-01",
    )
    assert written.event.before["name"] == "Ada Tenant"
    assert written.event.after["name"] == "Ada Tenant-Smith"


def test_a_clerk_removes_an_occupant_and_gets_the_case_back(clock: Clock) -> None:
    clock.set(ON_WEDNESDAY)
    who = people()
    case = submitted(who)
    ada = named(case)
    clerk = Api(who.clerk)
    with writes_one_event("remove-occupant") as written:
        status, body = clerk.post(f"/occupants/{ada.pk}/remove")
    assert status == 200, body
    assert (body["id"], body["occupants"]) == (case.pk, [])
    assert written.event.before["name"] == "Ada Tenant"
    assert not Occupant.objects.filter(pk=ada.pk).exists()


def _issued_occupant(who: Any) -> Occupant:
    occupant: Occupant = issued(who).application.occupants.get()
    return occupant


# (who calls, the occupant, the path's action, the body) → (status, the field or detail named)
REFUSALS = [
    pytest.param(
        "owner", named, "change", {**ADA, "last_name": " "}, 409, "last_name", id="a blank name"
    ),
    pytest.param(
        "owner", named, "change", {"first_name": "Ada"}, 422, "last_name", id="no last name"
    ),
    pytest.param(
        "owner",
        named,
        "change",
        {**ADA, "moves_in_on": "2030-01-01"},
        422,
        "moves_in_on",
        id="a move-in day years away",
    ),
    pytest.param(
        "owner", named, "change", {**ADA, "age": 151}, 422, "age", id="an age past the bounds"
    ),
    pytest.param(
        "owner", "issued", "change", ADA, 409, "occupant", id="changed after the permit is issued"
    ),
    pytest.param(
        "owner", "issued", "remove", None, 409, "occupant", id="removed after the permit is issued"
    ),
    pytest.param("inspector", named, "remove", None, 404, None, id="an inspector not on it"),
    pytest.param("other", named, "change", ADA, 404, None, id="another applicant"),
    pytest.param("other", named, "remove", None, 404, None, id="another applicant removes"),
    pytest.param("official", "none", "remove", None, 404, None, id="an occupant never named"),
]


@pytest.mark.parametrize(("role", "occupant", "action", "body", "status", "field"), REFUSALS)
def test_a_refused_change_names_its_field_and_writes_nothing(
    clock: Clock, role: str, occupant: Any, action: str, body: Any, status: int, field: str | None
) -> None:
    clock.set(ON_WEDNESDAY)
    who = people()
    if occupant == "issued":
        pk = _issued_occupant(who).pk
    elif occupant == "none":
        pk = 10**9
    else:
        pk = named(submitted(who)).pk
    caller = Api(who.roles()[role])
    events = AuditEvent.objects.count()
    with writes_nothing():
        found, answer = caller.post(f"/occupants/{pk}/{action}", body)
    assert found == status, answer
    assert AuditEvent.objects.count() == events
    if status == 409:
        assert answer["field"] == field
    elif status == 422:
        assert [e["loc"] for e in answer["detail"]] == [["body", field]]
    else:
        assert answer["detail"].endswith("not found")
