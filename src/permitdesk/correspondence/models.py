"""A message on a case, from its applicant or the division's staff, and the documents sent
with it. The files live under MEDIA_ROOT by random names (never the name sent), served only
through a permission-checked view, and are purged past CORRESPONDENCE_RETENTION_DAYS."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class Message(models.Model):
    application = models.ForeignKey(
        "cases.Application", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_staff = models.BooleanField(help_text="written by the division's staff, not the applicant")
    body = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["application", "sent_at"], name="message_case_time")]


def stored_name(instance: Attachment, filename: str) -> str:
    """A random name: the name sent is kept in `original_name`, never used on disk."""
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
    return f"correspondence/{secrets.token_hex(16)}.{extension.get(instance.content_type, 'bin')}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        LEASE = "lease", "Lease"
        TENANT_LIST = "tenant-list", "Tenant list"
        PROOF_OF_CORRECTION = "proof-of-correction", "Proof of correction"
        RECEIPT_WITH_ID = "receipt-with-photo-id", "Rent receipt with photo ID"
        CONTRACT = "contract", "Sales contract"
        WRITTEN_DISCLOSURE = "written-disclosure", "Written disclosure"
        OWNER_CERTIFICATION = "owner-certification", "Owner certification"
        OTHER = "other", "Other document"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=stored_name, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True, help_text="file removed: retention")
