"""The Stripe boundary stand-in (stripe_stand_in.py), started per test, and Clayton's
settings pointed at it: the real SDK talks to it over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from tests import factories
from tests.payments.stripe_stand_in import StripeStandIn

WEBHOOK_SECRET = "whsec_test_stand_in"


@pytest.fixture
def stand_in(settings: Settings) -> Iterator[StripeStandIn]:
    with StripeStandIn() as server:
        settings.PAYMENT_PROVIDERS = {
            "clayton-mo": {
                "provider": "stripe",
                "secret_key": "sk_test_stand_in",
                "webhook_secret": WEBHOOK_SECRET,
                "api_base": server.url,
            }
        }
        yield server


@pytest.fixture
def who(stand_in: StripeStandIn, db: None) -> factories.People:
    """Clayton's people, with Clayton taking payment online through the stand-in."""
    return factories.people()
