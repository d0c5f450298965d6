"""payments.services.start_checkout: a hosted checkout for the balance the server works out."""

from __future__ import annotations

from functools import partial

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from permitdesk.cases.models import Application
from permitdesk.payments.models import Checkout
from permitdesk.payments.providers.base import ProviderError
from permitdesk.payments.services import start_checkout
from tests import factories
from tests.payments.stripe_stand_in import StripeStandIn
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def start(actor: User, case: Application) -> Checkout:
    return start_checkout(
        actor=actor, application=case, now=factories.MONDAY, return_url="http://t/cases/1/"
    )


def _st_clair(who: factories.People) -> partial[Checkout]:
    case = factories.submitted(
        who, "st-clair-county-il", fee_item="occupancy-inspection", trigger="lease"
    )
    return partial(start, who.owner, case)


REFUSALS = [
    pytest.param(
        lambda who: partial(start, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant pays",
    ),
    pytest.param(
        lambda who: partial(start, who.clerk_elsewhere, factories.submitted(who)),
        "not-found",
        "not found",
        id="a clerk of another jurisdiction pays",
    ),
    pytest.param(
        lambda who: partial(start, who.clerk, factories.submitted(who)),
        "forbidden",
        "only the applicant pays online",
        id="a clerk starts an online payment",
    ),
    pytest.param(
        _st_clair,
        "no-provider",
        "takes no payment online",
        id="St. Clair takes cash or check only",
    ),
    pytest.param(
        lambda who: partial(start, who.owner, factories.paid(who)),
        "nothing-due",
        "nothing is due on this case",
        id="a case paid in full",
    ),
    pytest.param(
        lambda who: partial(start, who.owner, factories.withdrawn(who)),
        "status",
        "cannot record payment a case that is withdrawn",
        id="a withdrawn case",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_checkout_writes_one_audit_event_and_no_message(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    case = factories.submitted(who)
    with writes_one_event("start-checkout") as written:
        checkout = start(who.owner, case)
    assert written.event.after == {
        "amount": "80.00",
        "provider": "stripe",
        "reference": checkout.reference,
    }
    assert written.event.application_id == case.pk
    assert stand_in.requests[-1][2]["payment_method_types"] == {"0": "card"}


def test_a_fee_added_later_gets_its_own_checkout(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    """The first checkout was for $80; once more is due, the open one is not reused."""
    case = factories.submitted(who)
    first = start(who.owner, case)
    Application.objects.filter(pk=case.pk).update(balance_due="120.00")
    second = start(who.owner, case)
    assert second.pk != first.pk
    assert str(second.amount) == "120.00"
    assert len(stand_in.sessions) == 2


def test_the_provider_unreachable_writes_nothing(who: factories.People) -> None:
    settings.PAYMENT_PROVIDERS["clayton-mo"]["api_base"] = "http://127.0.0.1:9"
    case = factories.submitted(who)
    with writes_nothing(), pytest.raises(ProviderError, match="refused the checkout"):
        start(who.owner, case)
