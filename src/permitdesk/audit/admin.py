"""The audit trail in the admin, read-only, and the read-only base every app's admin uses:
every change goes through a service, so the admin is for looking (no add, change or delete).
The outbox's admin, which can send a failed message again, is the notices app's."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from permitdesk.audit.models import AuditEvent


class ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnly):
    list_display = ("at", "actor", "action", "object_type", "object_id", "application_id")
    list_filter = ("action", "jurisdiction_slug")
    list_select_related = ("actor",)
