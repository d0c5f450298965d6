"""Reference data in the admin, for looking: jurisdictions, properties, units with their
bedrooms, and parties. Every edit goes through a records service, which writes its audit
event (a bedroom's area decides how many may live in the unit), so the admin edits nothing:
each record links to the staff page that edits it. Jurisdictions come from their packs
(manage.py load_jurisdictions). The relations to properties are read-only too: the clerk
decides claims on /staff/claims/, through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from permitdesk.audit.admin import ReadOnly
from permitdesk.records.models import Bedroom, Jurisdiction, Party, Property, Relation, Unit


def staff_link(route: str, pk: int) -> str:
    return format_html(
        '<a href="{}">Edit on the staff page</a>', reverse(f"web:{route}", args=[pk])
    )


@admin.register(Jurisdiction)
class JurisdictionAdmin(ReadOnly):
    list_display = ("slug", "name")


class BedroomInline(admin.TabularInline[Bedroom, Unit]):
    model = Bedroom
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Property)
class PropertyAdmin(ReadOnly):
    list_display = ("address", "city", "parcel_id", "jurisdiction", "staff_page")
    list_filter = ("jurisdiction",)
    search_fields = ("normalized_address", "parcel_id")
    readonly_fields = ("staff_page",)

    @admin.display(description="Edit")
    def staff_page(self, place: Property) -> str:
        return staff_link("staff-property", place.pk)


@admin.register(Unit)
class UnitAdmin(ReadOnly):
    list_display = ("__str__", "unit_type", "units_in_building", "staff_page")
    list_filter = ("unit_type",)
    search_fields = ("property__normalized_address", "label")
    inlines = (BedroomInline,)
    readonly_fields = ("staff_page",)

    @admin.display(description="Edit")
    def staff_page(self, unit: Unit) -> str:
        return staff_link("staff-unit", unit.pk)


@admin.register(Party)
class PartyAdmin(ReadOnly):
    list_display = ("name", "kind", "email", "phone", "staff_page")
    search_fields = ("name", "email")
    readonly_fields = ("staff_page",)

    @admin.display(description="Edit")
    def staff_page(self, party: Party) -> str:
        return staff_link("staff-party", party.pk)


@admin.register(Relation)
class RelationAdmin(ReadOnly):
    list_display = ("person", "kind", "property", "unit", "status", "claimed_at", "decided_by")
    list_filter = ("status", "kind", "property__jurisdiction")
    search_fields = ("property__normalized_address", "property__parcel_id", "person__username")
    list_select_related = ("person", "property", "unit", "decided_by")
