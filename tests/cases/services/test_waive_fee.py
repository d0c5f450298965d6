"""payments.waive_fee: a code official waives one fee line, saying why."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, FeeLine
from permitdesk.cases.services import payments
from permitdesk.cases.services.base import balance_due
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def line_of(case: Application) -> FeeLine:
    return FeeLine.objects.filter(application=case).order_by("pk").first()  # type: ignore[return-value]


def waive(actor: User, case: Application, reason: str = "hardship") -> FeeLine:
    return payments.waive_fee(
        actor=actor, fee_line=line_of(case), reason=reason, now=factories.MONDAY
    )


def _waived_already(who: factories.People) -> partial[FeeLine]:
    case = factories.submitted(who)
    waive(who.official, case)
    return partial(waive, who.official, case)


REFUSALS = [
    pytest.param(
        lambda who: partial(waive, who.official, factories.submitted(who), reason="  "),
        "required",
        "a waiver needs a reason",
        id="no reason given",
    ),
    pytest.param(
        lambda who: partial(waive, who.clerk, factories.submitted(who)),
        "forbidden",
        "may not waive fee",
        id="a clerk waives it",
    ),
    pytest.param(
        lambda who: partial(waive, who.owner, factories.submitted(who)),
        "forbidden",
        "may not waive fee",
        id="the applicant waives it",
    ),
    pytest.param(
        lambda who: partial(waive, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant waives it",
    ),
    pytest.param(
        _waived_already,
        "waived",
        "this fee is already waived",
        id="a line waived already",
    ),
    pytest.param(
        lambda who: partial(waive, who.official, factories.withdrawn(who)),
        "status",
        "cannot waive fee a case that is withdrawn",
        id="a withdrawn case",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_waiver_writes_one_audit_event_and_clears_the_balance(who: factories.People) -> None:
    case = factories.submitted(who)
    with writes_one_event("waive-fee") as written:
        waive(who.official, case, reason=" hardship ")
    assert written.event.before == {"amount_due": "80.00", "balance_due": "80.00"}
    assert written.event.after == {
        "amount_due": "0.00",
        "reason": "hardship",
        "balance_due": "0.00",
    }
    assert balance_due(case) == Decimal("0.00")
