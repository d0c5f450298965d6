"""An application for an occupancy permit, the fees it carries and the payments against them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from permitdesk.cases.postgres_indexes import CoveringIndex
from permitdesk.records.models import Jurisdiction, Party, Unit


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted"  # fees quoted; awaiting processing, payment, inspection
        INSPECTION_REQUESTED = "inspection-requested"
        FAILED = "failed"  # violations noticed; awaiting correction and re-inspection
        APPROVED = "approved"  # passed; the approval runs for the pack's validity
        CONDITIONAL = "conditional"  # the village's conditional permit: repairs under way
        ISSUED = "issued"  # permit issued
        ENDED = "ended"  # the permit ended (change of tenancy, term, superseded)
        LAPSED = "lapsed"  # the approval ran out before the occupants were named
        WITHDRAWN = "withdrawn"

    class Trigger(models.TextChoices):  # the EVENTS of permitdesk.law.vocabulary
        SALE = "sale"
        TRANSFER = "transfer"  # of a building: a transfer, mortgage, lease of it or other disposal
        LEASE = "lease"
        CHANGE_OF_OCCUPANCY = "change-of-occupancy"
        NEW_OCCUPANT = "new-occupant"
        NEW_CONSTRUCTION = "new-construction"
        COMMERCIAL_USE = "commercial-use"

    class Channel(models.TextChoices):  # how the application reached the division
        ONLINE = "online"
        IN_PERSON = "in-person"
        MAIL = "mail"
        EMAIL = "email"
        PHONE = "phone"

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="applications"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    parties = models.ManyToManyField(Party, blank=True, related_name="applications")
    fee_item = models.SlugField(max_length=64, help_text="the pack's fee item for this program")
    trigger = models.CharField(max_length=24, choices=Trigger.choices)
    occupied = models.BooleanField(default=False, help_text="occupied before inspection approval")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    owner_certified = models.BooleanField(
        null=True,
        blank=True,
        help_text="the owner certified the application true and accurate (village §1.C); "
        "null: not asked",
    )
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(db_index=True)
    processed_at = models.DateTimeField(help_text="no inspection before this moment")
    idempotency_key = models.CharField(max_length=100, unique=True, null=True, blank=True)
    balance_due = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=(
            "fees not waived, less fee payments and their refunds (negative: a credit); "
            "kept by the services under the case's row lock, never written elsewhere"
        ),
    )

    # The statuses in which nothing more is collected: a queue of money owed leaves them out.
    CLOSED = (Status.WITHDRAWN, Status.LAPSED, Status.ENDED)

    class Meta:
        indexes = [
            # The clerk's queues, oldest first: with the id, a queue's page and its capped
            # count read the index alone (no visit to the rows to learn their ids).
            models.Index(
                fields=["jurisdiction", "status", "submitted_at", "id"], name="case_queue"
            ),
            # The case lists, newest first (scanned backwards), a page after a cursor.
            models.Index(
                fields=["jurisdiction", "submitted_at", "id"], name="case_jurisdiction_list"
            ),
            # The applicant's list; with the jurisdiction, the staff search's probe of an
            # applicant's name reads the index alone (cases.search).
            CoveringIndex(
                fields=["applicant", "submitted_at", "id"],
                covering=["jurisdiction"],
                name="case_applicant_list",
            ),
            # The staff search's probe of an address: a unit's cases and their jurisdiction
            # from the index alone, not a visit to every case of a street (cases.search).
            CoveringIndex(fields=["unit", "jurisdiction"], covering=["id"], name="case_unit"),
            # The clerk's awaiting-payment queue: only the open cases that owe money.
            models.Index(
                fields=["jurisdiction", "submitted_at", "id"],
                name="case_awaiting_payment",
                condition=Q(balance_due__gt=0) & ~Q(status__in=["withdrawn", "lapsed", "ended"]),
            ),
        ]
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Application {self.pk} ({self.status})"


class FeeLine(models.Model):
    """A line of the quote the application was assessed, with its arithmetic and citation."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fee_lines")
    fee_item = models.SlugField(max_length=64)
    line_id = models.SlugField(max_length=64)
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=[("fee", "fee"), ("deposit", "deposit")])
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    basis = models.TextField()
    citation = models.TextField()
    assessed_at = models.DateTimeField()
    waived_reason = models.TextField(blank=True, help_text="set by a code official's waiver")

    @property
    def due(self) -> Decimal:
        return Decimal(0) if self.waived_reason else self.amount


REFERENCE_MAX = 64  # a check number or a card terminal's reference, as the clerk reads it


class Payment(models.Model):
    """A ledger entry: a payment (positive) or a refund (negative), never edited. A deposit
    payment is held apart from the fees: it never pays a fee, and its refund is its release."""

    class Kind(models.TextChoices):
        FEE = "fee"
        DEPOSIT = "deposit"

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FEE)
    method = models.CharField(max_length=20)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    receipt_number = models.CharField(max_length=32, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    refund_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    reference = models.CharField(
        max_length=REFERENCE_MAX, blank=True, help_text="the check number or card reference"
    )
    idempotency_key = models.CharField(max_length=100, unique=True, null=True, blank=True)
