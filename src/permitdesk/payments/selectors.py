"""Reads of online checkouts (the one a case page was returned to, the refunds owed) and of
the refunds the provider has not settled or refused."""

from __future__ import annotations

from django.db.models import Q

from permitdesk.cases.models import Application
from permitdesk.payments.models import Checkout, ProviderRefund


def checkout_of(application: Application, reference: str) -> Checkout | None:
    return (
        Checkout.objects.select_related("application__jurisdiction")
        .filter(application=application, reference=reference[:40])
        .first()
    )


def refunds_owed(application: Application) -> list[Checkout]:
    """Online payments the case could not take (withdrawn, or more than was due): the clerk
    refunds each."""
    return list(
        Checkout.objects.filter(
            application=application, status=Checkout.Status.REFUND_OWED
        ).order_by("pk")
    )


def owed_checkout(application: Application, pk: int) -> Checkout | None:
    """One of the case's checkouts, by id (a refund owed, or one refunded a moment ago)."""
    return (
        Checkout.objects.select_related("application__jurisdiction")
        .filter(application=application, pk=pk)
        .first()
    )


def refunds_unsettled(application: Application) -> list[ProviderRefund]:
    """The case's refunds the provider reported pending and has not confirmed, those it then
    reported failed (nothing refunded: the clerk sends a new one), and those it refunded that
    the ledger refused to record (the note says why), oldest first."""
    unsettled = Q(status__in=(ProviderRefund.Status.PENDING, ProviderRefund.Status.FAILED))
    unrecorded = Q(status=ProviderRefund.Status.SUCCEEDED, ledger_refund__isnull=True)
    return list(
        ProviderRefund.objects.filter(
            unsettled | unrecorded, checkout__application=application
        ).order_by("requested_at", "pk")
    )
