"""The append-only audit trail and the e-mail outbox, both written inside each service's
transaction, so a change, its audit event and its messages commit together or not at all."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    application_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    jurisdiction_slug = models.SlugField(max_length=64, blank=True)
    at = models.DateTimeField()
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("audit events are append-only")


class OutboxMessage(models.Model):
    """An e-mail to send, written in the transaction of the change that causes it.

    The key makes a message unique (it is never queued twice) and becomes its Message-ID, so
    a message sent again after a worker crashed between the SMTP server's "250 OK" and the
    commit of SENT is recognisably the same message. permitdesk.notices.outbox sends them:
    QUEUED → SENDING (claimed, with a lease) → SENT, or back to QUEUED with a later
    next_attempt_at after an error, or FAILED after the last attempt (re-queueable).
    """

    class Status(models.TextChoices):
        QUEUED = "queued"  # waiting for next_attempt_at
        SENDING = "sending"  # claimed by a worker until lease_expires_at
        SENT = "sent"
        FAILED = "failed"  # gave up after OUTBOX_MAX_ATTEMPTS; requeue_outbox sends it again

    key = models.CharField(max_length=200, unique=True)
    kind = models.SlugField(max_length=64, blank=True, help_text="the notice template's kind")
    application_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    attachment = models.JSONField(
        null=True,
        blank=True,
        help_text='a document rendered at send time, e.g. {"document": "permit", "id": 12}',
    )
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    next_attempt_at = models.DateTimeField(help_text="not sent before this moment")
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=64, blank=True, help_text="the claim's token")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.key} to {self.to} ({self.status})"
