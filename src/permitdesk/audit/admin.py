"""The audit trail and the outbox, read-only."""

from __future__ import annotations

from django.contrib import admin

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.admin import ReadOnly


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnly):
    list_display = ("at", "actor", "action", "object_type", "object_id", "application_id")
    list_filter = ("action", "jurisdiction_slug")
    list_select_related = ("actor",)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnly):
    list_display = ("created_at", "key", "to", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("key", "to", "subject")
