"""Reference data in the admin, for staff: jurisdictions, properties, units and parties; the
relations to properties read-only (the clerk decides claims on /staff/claims/, through the
services)."""

from __future__ import annotations

from django.contrib import admin

from permitdesk.audit.admin import ReadOnly
from permitdesk.records.models import Bedroom, Jurisdiction, Party, Property, Relation, Unit


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin[Jurisdiction]):
    list_display = ("slug", "name")
    readonly_fields = ("slug",)  # the slug names the pack folder; load_jurisdictions sets it


class BedroomInline(admin.TabularInline[Bedroom, Unit]):
    model = Bedroom
    extra = 0


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin[Property]):
    list_display = ("address", "city", "parcel_id", "jurisdiction")
    list_filter = ("jurisdiction",)
    search_fields = ("normalized_address", "parcel_id")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("__str__", "unit_type", "units_in_building")
    list_filter = ("unit_type",)
    search_fields = ("property__normalized_address", "label")
    inlines = (BedroomInline,)


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin[Party]):
    list_display = ("name", "kind", "email", "phone")
    search_fields = ("name", "email")


@admin.register(Relation)
class RelationAdmin(ReadOnly):
    list_display = ("person", "kind", "property", "unit", "status", "claimed_at", "decided_by")
    list_filter = ("status", "kind", "property__jurisdiction")
    search_fields = ("property__normalized_address", "property__parcel_id", "person__username")
    list_select_related = ("person", "property", "unit", "decided_by")
