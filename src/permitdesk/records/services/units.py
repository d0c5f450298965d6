"""Units of a property: adding one with its bedrooms, and the staff's edits of its label,
type and alarms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.services import record
from permitdesk.cases.permissions import require_may_record_on
from permitdesk.records.models import (
    Bedroom,
    Property,
    Unit,
)
from permitdesk.records.services.base import create_once, locked, require_may_edit, save_if_changed
from permitdesk.records.services.bedrooms import BedroomInput
from permitdesk.rules.lifecycle import Refused


def add_unit(
    *,
    actor: User,
    place: Property,
    label: str,
    unit_type: str,
    units_in_building: int,
    bedrooms: Sequence[BedroomInput],
    now: dt.datetime,
    new_construction: bool = False,
    hallway_smoke_alarms: bool | None = None,
    livable_area_smoke_alarms: bool | None = None,
) -> Unit:
    """A dwelling unit of a property, with its bedrooms (what the occupancy limits read).
    Only the property's owner or agent and its jurisdiction's clerks and code officials add
    one; to anyone else the property is not found."""
    jurisdiction = place.jurisdiction
    require_may_record_on(actor, place.pk, place.jurisdiction_id)
    check_unit_fields(unit_type, units_in_building)
    label = label.strip()
    taken = Refused(
        f"unit '{label or '(no label)'}' is already recorded at {place}",
        code="taken",
        field="label",
    )

    def create() -> Unit:
        unit = Unit.objects.create(
            property=place,
            label=label,
            unit_type=unit_type,
            units_in_building=units_in_building,
            new_construction=new_construction,
            hallway_smoke_alarms=hallway_smoke_alarms,
            livable_area_smoke_alarms=livable_area_smoke_alarms,
        )
        Bedroom.objects.bulk_create(
            Bedroom(
                unit=unit,
                area_sqft=room.area_sqft,
                basement=room.basement,
                egress_opening_sqft=room.egress_opening_sqft,
                smoke_alarm=room.smoke_alarm,
            )
            for room in bedrooms
        )
        record(
            actor=actor,
            action="add-unit",
            obj=unit,
            at=now,
            before=None,
            after={
                "property": place.pk,
                "label": label,
                "unit_type": unit_type,
                "units_in_building": units_in_building,
                "bedrooms": [str(room.area_sqft) for room in bedrooms],
            },
            jurisdiction_slug=jurisdiction.slug,
        )
        return unit

    return create_once(Unit.objects.filter(property=place, label=label), taken, create)


def unit_state(unit: Unit) -> dict[str, object]:
    return {
        "label": unit.label,
        "unit_type": unit.unit_type,
        "units_in_building": unit.units_in_building,
        "new_construction": unit.new_construction,
        "hallway_smoke_alarms": unit.hallway_smoke_alarms,
        "livable_area_smoke_alarms": unit.livable_area_smoke_alarms,
    }


def check_unit_fields(unit_type: str, units_in_building: int) -> None:
    if unit_type not in Unit.UnitType.values:
        raise Refused(
            f"unit_type '{unit_type}' is not one of: {', '.join(Unit.UnitType.values)}",
            code="choice",
            field="unit_type",
        )
    if units_in_building < 1:
        raise Refused(
            "units_in_building must be at least 1", code="too-small", field="units_in_building"
        )


@transaction.atomic
def update_unit(
    *,
    actor: User,
    unit: Unit,
    label: str,
    unit_type: str,
    units_in_building: int,
    now: dt.datetime,
    new_construction: bool = False,
    hallway_smoke_alarms: bool | None = None,
    livable_area_smoke_alarms: bool | None = None,
) -> Unit:
    """A unit's label, type and smoke alarms (its bedrooms have their own services)."""
    place = unit.property
    require_may_edit(actor, place.jurisdiction_id, f"unit {unit.pk}")
    unit = locked(Unit, unit.pk)
    label = label.strip()
    check_unit_fields(unit_type, units_in_building)
    if Unit.objects.filter(property_id=unit.property_id, label=label).exclude(pk=unit.pk).exists():
        raise Refused(
            f"unit '{label or '(no label)'}' is already recorded at {place}",
            code="taken",
            field="label",
        )
    before = unit_state(unit)
    unit.label, unit.unit_type, unit.units_in_building = label, unit_type, units_in_building
    unit.new_construction = new_construction
    unit.hallway_smoke_alarms = hallway_smoke_alarms
    unit.livable_area_smoke_alarms = livable_area_smoke_alarms
    after = unit_state(unit)
    save_if_changed(unit, "update-unit", actor, now, before, after, place.jurisdiction.slug)
    return unit
