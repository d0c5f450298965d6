"""Units of a property: adding one with its bedrooms, and the staff's edits of its label,
type and alarms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.forms.models import model_to_dict

from permitdesk.cases.permissions import require_may_record_on
from permitdesk.records.checks import check_choice
from permitdesk.records.models import Bedroom, Property, Unit
from permitdesk.records.services.base import (
    already_recorded,
    audit,
    create_once,
    locked,
    require_may_edit,
    save_if_changed,
)
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
    taken = already_recorded(f"unit '{label or '(no label)'}'", f"at {place}", "label")

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
        Bedroom.objects.bulk_create(Bedroom(unit=unit, **room.as_fields()) for room in bedrooms)
        after = {
            "property": place.pk,
            "label": label,
            "unit_type": unit_type,
            "units_in_building": units_in_building,
            "bedrooms": [str(room.area_sqft) for room in bedrooms],
        }
        audit(unit, "add-unit", actor, now, None, after, jurisdiction)
        return unit

    return create_once(Unit.objects.filter(property=place, label=label), taken, create)


UNIT_FIELDS = (
    "label",
    "unit_type",
    "units_in_building",
    "new_construction",
    "hallway_smoke_alarms",
    "livable_area_smoke_alarms",
)


def unit_state(unit: Unit) -> dict[str, object]:
    return model_to_dict(unit, fields=UNIT_FIELDS)


def check_unit_fields(unit_type: str, units_in_building: int) -> None:
    check_choice(unit_type, Unit.UnitType.values, "unit_type")
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
        raise already_recorded(f"unit '{label or '(no label)'}'", f"at {place}", "label")
    before = unit_state(unit)
    unit.label, unit.unit_type, unit.units_in_building = label, unit_type, units_in_building
    unit.new_construction = new_construction
    unit.hallway_smoke_alarms = hallway_smoke_alarms
    unit.livable_area_smoke_alarms = livable_area_smoke_alarms
    after = unit_state(unit)
    save_if_changed(unit, "update-unit", actor, now, before, after, place.jurisdiction)
    return unit
