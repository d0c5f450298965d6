"""Online payment, one function per step: start a hosted checkout for the case's balance,
take in a provider's verified event, read a checkout back on the applicant's return. Each
writes in one transaction with its audit event; the ledger entry (and its receipt e-mail) is
the case service's (cases.services.payments.record_online_payment)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.actions import DESK, OWNER, case_roles
from permitdesk.cases.models import Application
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services.base import audit, locked, pack_of
from permitdesk.cases.services.payments import record_online_payment
from permitdesk.law.pack import Pack
from permitdesk.payments.config import provider_for
from permitdesk.payments.models import Checkout, ProviderEvent
from permitdesk.payments.providers.base import (
    BadEvent,
    CheckoutRequest,
    PaymentState,
)
from permitdesk.payments.refunds import settle_refund
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused, check_transition

# The pack's card brands, any of which the provider's hosted card form takes.
CARD_BRANDS = {"visa", "mastercard", "discover", "amex", "card"}
ONLINE_METHOD = "card-online"  # the ledger's method for a payment taken by the provider


@dataclass(frozen=True)
class ConvenienceFee:
    amount: Decimal
    citation: str
    note: str | None


def convenience_fee(pack: Pack, on: dt.date) -> ConvenienceFee | None:
    """The pack's convenience fee for paying online (0.00 where the documents name none)."""
    if not pack.has_term("convenience_fee"):
        return None
    version = pack.term_version("convenience_fee", on)
    return ConvenienceFee(
        pack.amount("convenience_fee", on), pack.cite(version.citation), version.note
    )


def online_methods(pack: Pack, on: dt.date) -> tuple[str, ...]:
    """The provider's method types the jurisdiction's accepted methods allow: a card form
    where the pack accepts a card brand; nothing online otherwise (St. Clair: cash or check)."""
    if not pack.has_term("payment_methods"):
        return ()
    accepted = set(pack.names("payment_methods", on))
    return ("card",) if accepted & CARD_BRANDS else ()


def online_origin(application: Application, on: dt.date) -> str | None:
    """The origin of the provider's hosted page where the case's jurisdiction takes payment
    online (has a provider and accepts a card); None where it does not."""
    provider = provider_for(application.jurisdiction.slug)
    if provider is None or not online_methods(pack_of(application), on):
        return None
    return provider.hosted_origin


def start_checkout(
    *,
    actor: User,
    application: Application,
    now: dt.datetime,
    return_url: str,
) -> Checkout:
    """A hosted checkout for what the case owes now (the server's figure, never the
    browser's), or the one already open for that same amount (a double click starts one)."""
    with transaction.atomic():
        application = locked(application)
        held = case_roles(actor, application)
        if not held & (DESK | {OWNER}):
            raise NotFound(f"application {application.pk} not found")
        if OWNER not in held:
            raise Forbidden("only the applicant pays online", code="role")
        check_transition("record-payment", application.status)
        pack = pack_of(application)
        on = local(pack, now).date()
        provider = provider_for(pack.slug)
        methods = online_methods(pack, on)
        if provider is None or not methods:
            raise Refused(f"{pack.name} takes no payment online", code="no-provider")
        fee = convenience_fee(pack, on)
        extra = fee.amount if fee else Decimal("0.00")
        amount = balance_due(application) + extra
        if balance_due(application) <= 0:
            raise Refused("nothing is due on this case", code="nothing-due")
        open_one = (
            Checkout.objects.filter(
                application=application, status=Checkout.Status.OPEN, amount=amount
            )
            .exclude(provider_checkout_id=None)
            .order_by("-pk")
            .first()
        )
        if open_one is not None:
            return open_one
        reference = f"pd-{application.pk}-{secrets.token_hex(8)}"
        checkout = Checkout.objects.create(
            application=application,
            reference=reference,
            provider=provider.slug,
            amount=amount,
            convenience_fee=extra,
            started_by=actor,
            started_at=now,
        )
        hosted = provider.create_checkout(
            CheckoutRequest(
                reference=reference,
                amount=amount,
                currency="usd",
                description=f"{pack.name}: application {application.pk}",
                methods=methods,
                success_url=f"{return_url}?checkout={reference}",
                cancel_url=f"{return_url}?checkout={reference}&cancelled=1",
                idempotency_key=reference,
                customer_email=actor.email or None,
            )
        )
        checkout.provider_checkout_id = hosted.id
        checkout.hosted_url = hosted.url
        checkout.save(update_fields=["provider_checkout_id", "hosted_url"])
        _audit(
            checkout,
            "start-checkout",
            actor=actor,
            now=now,
            before=None,
            after={"amount": str(amount), "provider": provider.slug, "reference": reference},
        )
    return checkout


def take_event(
    *, jurisdiction_slug: str, payload: bytes, signature: str, now: dt.datetime
) -> Checkout | None:
    """A webhook delivery: BadEvent (nothing written) unless its signature verifies within
    the tolerance window; an event already taken in is a replay and changes nothing. The
    checkout it is about is settled from the event's own figures."""
    provider = provider_for(jurisdiction_slug)
    if provider is None:
        raise BadEvent(f"{jurisdiction_slug} takes no payment online")
    event = provider.parse_event(payload, signature)
    with transaction.atomic():
        try:
            with transaction.atomic():
                taken = ProviderEvent.objects.create(
                    provider=provider.slug,
                    event_id=event.id,
                    type=event.type,
                    created=event.created,
                    received_at=now,
                )
        except IntegrityError:
            return None  # a replay: this event was taken in already
        if event.refund is not None:
            held = settle_refund(provider.slug, jurisdiction_slug, event.refund, now)
            if held is None:
                return None
            taken.checkout = held.checkout
            taken.save(update_fields=["checkout"])
            return held.checkout
        if event.payment is None:
            return None
        checkout = _settle(provider.slug, jurisdiction_slug, event.payment, now)
        if checkout is not None:
            taken.checkout = checkout
            taken.save(update_fields=["checkout"])
        return checkout


def refresh_checkout(*, checkout: Checkout, now: dt.datetime) -> Checkout:
    """The applicant is back from the provider's page: read the checkout there (a verified
    read, with our key) and settle it, so the page need not wait for the webhook."""
    if checkout.status != Checkout.Status.OPEN or not checkout.provider_checkout_id:
        return checkout
    provider = provider_for(checkout.application.jurisdiction.slug)
    if provider is None:
        return checkout
    state = provider.read_checkout(checkout.provider_checkout_id)
    with transaction.atomic():
        settled = _settle(provider.slug, checkout.application.jurisdiction.slug, state, now)
    return settled or checkout


def _settle(
    provider: str, jurisdiction_slug: str, state: PaymentState, now: dt.datetime
) -> Checkout | None:
    """Write what the provider says of a checkout, once: paid → the ledger's payment (or a
    refund owed); failed or expired → that state. A later word on a settled checkout (a
    duplicate, a reordered event) changes nothing."""
    checkout = (
        Checkout.objects.select_for_update()
        .select_related("application__jurisdiction", "started_by")
        .filter(provider=provider, provider_checkout_id=state.checkout_id)
        .first()
    )
    if checkout is None or checkout.application.jurisdiction.slug != jurisdiction_slug:
        return None
    if checkout.status not in (Checkout.Status.OPEN, Checkout.Status.FAILED):
        return checkout
    before = {"status": checkout.status}
    if state.status == "paid" and state.amount is not None:
        payment = record_online_payment(
            payer=checkout.started_by,
            application=checkout.application,
            method=ONLINE_METHOD,
            amount=state.amount - checkout.convenience_fee,
            reference=f"{provider}:{state.checkout_id}",
            now=now,
        )
        checkout.payment = payment
        checkout.provider_payment_id = state.payment_id or ""
        checkout.settled_at = now
        if payment is None:
            checkout.status = Checkout.Status.REFUND_OWED
            withdrawn = checkout.application.status == Application.Status.WITHDRAWN
            checkout.note = (
                f"paid {state.amount} online after the case was withdrawn: refund it"
                if withdrawn
                else f"paid {state.amount} online, more than was still due: refund it"
            )
        else:
            checkout.status = Checkout.Status.PAID
    elif state.status in ("failed", "expired") and checkout.status == Checkout.Status.OPEN:
        checkout.status = state.status
    else:
        return checkout
    checkout.save()
    after = {
        "status": checkout.status,
        "amount": None if state.amount is None else str(state.amount),
        "convenience_fee": str(checkout.convenience_fee),
        "note": checkout.note,
    }
    _audit(checkout, "settle-checkout", actor=None, now=now, before=before, after=after)
    return checkout


def _audit(
    checkout: Checkout,
    action: str,
    *,
    actor: User | None,
    now: dt.datetime,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    """The audit event of a change to a checkout, filed under its case."""
    case = checkout.application
    audit(case, actor=actor, action=action, obj=checkout, at=now, before=before, after=after)
