"""A Clayton applicant pays online in a real browser: the case page's Pay button, the hosted
page of the Stripe boundary stand-in (tests/payments/stripe_stand_in.py), back to the case
page, which shows the payment and its receipt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.cases.models import Payment
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.payments.models import Checkout
from tests import factories
from tests.payments.stripe_stand_in import StripeStandIn
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stand_in(settings: Any) -> Iterator[StripeStandIn]:
    with StripeStandIn() as server:
        settings.PAYMENT_PROVIDERS = {
            "clayton-mo": {
                "provider": "stripe",
                "secret_key": "sk_test_stand_in",
                "webhook_secret": "whsec_test_stand_in",
                "api_base": server.url,
            }
        }
        yield server


@pytest.fixture
def browsing(page: Any, live_server: Any, stand_in: StripeStandIn) -> Iterator[Any]:
    """The page kept on the live server and the stand-in; any 4xx/5xx or CSP refusal fails."""
    allowed = (live_server.url, stand_in.url)
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort(),
    )
    errors: list[tuple[int, str]] = []
    page.on("response", lambda r: errors.append((r.status, r.url)) if r.status >= 400 else None)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.base = live_server.url
    yield page
    assert errors == []
    assert refused == []


def test_an_applicant_pays_a_clayton_case_online_and_sees_the_receipt(
    browsing: Any, stand_in: StripeStandIn
) -> None:
    who = factories.people()
    case = factories.submitted(who)
    sign_in(browsing, who.owner.email, "x")
    browsing.goto(f"{browsing.base}/cases/{case.pk}/")
    check_page(browsing, "applicant-case-pay-online")
    browsing.get_by_role("button", name="Pay $80.00 online").click()

    expect(browsing.get_by_role("heading", name="Pay $80.00")).to_be_visible()
    assert browsing.url.startswith(stand_in.url)
    browsing.get_by_role("button", name="Pay").click()

    expect(browsing.get_by_role("status").first).to_contain_text("Paid online: $80.00")
    check_page(browsing, "applicant-case-paid-online")
    payment = Payment.objects.get(application=case)
    expect(browsing.get_by_text(payment.receipt_number)).to_be_visible()
    assert Checkout.objects.get().status == Checkout.Status.PAID
    assert balance_due(case) == 0
