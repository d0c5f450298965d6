"""Cases in the admin are for looking: every change goes through a service, so the admin
shows them read-only (no editable status, no deletions)."""

from __future__ import annotations

from django.contrib import admin

from permitdesk.audit.admin import ReadOnly
from permitdesk.cases.models import Application, Inspection, Permit


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("id", "jurisdiction", "unit", "status", "fee_item", "submitted_at")
    list_filter = ("jurisdiction", "status")
    search_fields = ("unit__property__normalized_address", "unit__property__parcel_id")
    list_select_related = ("jurisdiction", "unit__property")


@admin.register(Inspection)
class InspectionAdmin(ReadOnly):
    list_display = ("id", "application", "number", "scheduled_on", "window", "inspector", "result")
    list_filter = ("result",)
    list_select_related = ("application", "inspector")


@admin.register(Permit)
class PermitAdmin(ReadOnly):
    list_display = ("number", "kind", "issued_at", "ends_on", "ended_at", "end_reason")
    list_filter = ("kind",)
    search_fields = ("number",)
