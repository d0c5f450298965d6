"""The helpers the service tests lean on see what they claim to see."""

from __future__ import annotations

import pytest

from permitdesk.cases.services import applications
from permitdesk.records.models import Unit
from tests import factories
from tests.writes import refusal, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def _grow(home: Unit) -> None:
    with writes_nothing():
        home.units_in_building = 2
        home.save(update_fields=["units_in_building"])


def test_writes_nothing_sees_a_changed_row_of_any_model() -> None:
    home = factories.unit("clayton-mo")
    with pytest.raises(AssertionError, match=r"records\.Unit"):
        _grow(home)


def test_refusal_fails_a_call_that_is_not_refused() -> None:
    with pytest.raises(pytest.fail.Exception, match="was not refused"):
        refusal(lambda: None)


def _submit_unexpected_message(who: factories.People) -> None:
    with writes_one_event("submit"):
        factories.submitted(who)  # its application-received message is not expected


def _submit_and_withdraw(who: factories.People) -> None:
    with writes_one_event("submit", ("application-received",)):
        case = factories.submitted(who)
        applications.withdraw_application(actor=who.owner, application=case, now=factories.MONDAY)


def test_writes_one_event_sees_a_message_too_many_and_an_event_too_many() -> None:
    who = factories.people()
    with pytest.raises(AssertionError):
        _submit_unexpected_message(who)
    with pytest.raises(AssertionError):
        _submit_and_withdraw(who)
