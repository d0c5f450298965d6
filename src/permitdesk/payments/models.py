"""A checkout started at the provider for a case's balance, and each provider event taken in.
The money itself is in the case's ledger (cases.Payment), written only from a verified event
or a verified read of the checkout."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from permitdesk.cases.models import Application, Payment


class Checkout(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"  # started: the applicant is on (or left) the provider's page
        PAID = "paid"  # the provider confirmed it; the ledger has its payment
        FAILED = "failed"
        EXPIRED = "expired"
        # Paid after the case was withdrawn, or for more than was still due: the provider
        # holds the money and the clerk refunds it (no ledger entry is written).
        REFUND_OWED = "refund-owed"
        REFUNDED = "refunded"  # a refund owed, refunded at the provider

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=40, unique=True)  # ours, echoed by the provider
    provider = models.CharField(max_length=20)
    provider_checkout_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    hosted_url = models.URLField(max_length=2000, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2)  # charged: the balance + fee
    # The pack's convenience fee included in `amount` (0.00 where the pack names none): kept
    # by the provider's side, not a payment against the case's fees.
    convenience_fee = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)
    provider_payment_id = models.CharField(max_length=255, blank=True)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["application", "status"])]

    def __str__(self) -> str:
        return f"checkout {self.reference} ({self.status})"


class ProviderEvent(models.Model):
    """A verified provider event, once: a delivery of an event already here is a replay."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    created = models.DateTimeField()
    received_at = models.DateTimeField()
    checkout = models.ForeignKey(Checkout, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="one_provider_event")
        ]


class ProviderRefund(models.Model):
    """A refund asked of the provider that it reported pending (a bank's refund can take days):
    held here, not in the ledger, until the provider's refund event says it succeeded (then the
    ledger's refund is written) or failed. One row per provider refund id, so a replayed form
    or a repeated event holds and records it once."""

    class Status(models.TextChoices):
        PENDING = "pending"
        SUCCEEDED = "succeeded"
        FAILED = "failed"  # failed or canceled at the provider: nothing was refunded

    provider = models.CharField(max_length=20)
    provider_refund_id = models.CharField(max_length=255)
    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="+")
    # The ledger payment refunded (a clerk's refund of an online payment).
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    reason = models.TextField()
    ledger_key = models.CharField(max_length=100, unique=True)  # the ledger refund's key
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    settled_at = models.DateTimeField(null=True, blank=True)
    ledger_refund = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Succeeded at the provider but refused by the ledger when its event came: why.
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_refund_id"], name="one_provider_refund"
            )
        ]

    def __str__(self) -> str:
        return f"refund {self.provider_refund_id} ({self.status})"
