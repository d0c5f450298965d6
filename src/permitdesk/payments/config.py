"""Which provider each jurisdiction takes payments through, with its keys: the deployment's
settings (PAYMENT_PROVIDERS, from the environment; docs/payments.md), never the packs (a key
is not law) and never a template or a log line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings

from permitdesk.payments.providers.base import Provider
from permitdesk.payments.providers.stripe_checkout import StripeCheckout


def _stripe(config: dict[str, Any]) -> Provider:
    return StripeCheckout(
        secret_key=config["secret_key"],
        webhook_secret=config["webhook_secret"],
        api_base=config.get("api_base", ""),
        tolerance=int(config.get("tolerance", 300)),
    )


# provider name (the setting's "provider") -> how to build it. A new processor: one line here
# and one module under providers/.
BUILDERS: dict[str, Callable[[dict[str, Any]], Provider]] = {"stripe": _stripe}


def provider_for(jurisdiction_slug: str) -> Provider | None:
    """The jurisdiction's online provider, or None where it takes no payment online."""
    config: dict[str, Any] | None = settings.PAYMENT_PROVIDERS.get(jurisdiction_slug)
    if not config:
        return None
    return BUILDERS[config["provider"]](config)
