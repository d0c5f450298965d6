"""units: dwelling units with their bedrooms, one per parcel and label (the natural key).
A unit's bedrooms are given as their areas in square feet, "120;100"; a second run with other
areas replaces the unit's bedrooms, and the audit event shows them before and after, since
the areas decide how many may live there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Bedroom, Jurisdiction, Property, Unit
from permitdesk.records.services import AREA_LIMIT

BATCH = 1000
# The choices, read once (a TextChoices' .values is built anew at each read).
UNIT_TYPES = tuple(Unit.UnitType.values)
MOST_UNITS = 10_000
MOST_BEDROOMS = 50


def _areas(fields: Fields) -> list[Decimal]:
    text = fields.row["bedroom_areas"]
    parts = [part.strip() for part in text.split(";")] if text else []
    areas = []
    for part in parts:
        if part.count(".") > 1 or not part.replace(".", "", 1).isdigit() or len(part) > 9:
            fields.problem(
                "bedroom_areas",
                f"bedroom_areas has '{part}'; each bedroom's area in square feet from 0 to "
                f"{AREA_LIMIT}, separated by ';', like 120;95.5",
            )
            return []
        area = Decimal(part).quantize(Decimal("0.01"))
        if area > AREA_LIMIT or area != Decimal(part):
            fields.problem(
                "bedroom_areas", f"bedroom_areas has '{part}'; at most {AREA_LIMIT}, two places"
            )
            return []
        areas.append(area)
    if len(areas) > MOST_BEDROOMS:
        fields.problem(
            "bedroom_areas", f"bedroom_areas lists {len(areas)}; at most {MOST_BEDROOMS}"
        )
    return areas


def _values(fields: Fields) -> dict[str, Any]:
    return {
        "label": fields.text("label", limit=32),
        "unit_type": fields.choice("unit_type", UNIT_TYPES),
        "units_in_building": fields.whole("units_in_building", default=1, least=1, most=MOST_UNITS),
        "new_construction": fields.flag("new_construction"),
        "bedrooms": _areas(fields),
    }


def _state(unit: Unit, areas: list[Decimal]) -> dict[str, Any]:
    return {
        "label": unit.label,
        "unit_type": unit.unit_type,
        "units_in_building": unit.units_in_building,
        "new_construction": unit.new_construction,
        "bedrooms": areas,
    }


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "bedrooms": [str(a) for a in values["bedrooms"]]}


def _parcels(placed: list[tuple[Row, Jurisdiction]]) -> dict[tuple[int, str], Property]:
    return {
        (place.jurisdiction_id, place.parcel_id): place
        for place in Property.objects.filter(
            jurisdiction_id__in={where.pk for _, where in placed},
            parcel_id__in={row["parcel_id"] for row, _ in placed},
        )
    }


def _elsewhere(parcel_ids: set[str]) -> dict[str, str]:
    """Where else these parcels are recorded: the message names the other jurisdiction."""
    return dict(
        Property.objects.filter(parcel_id__in=parcel_ids).values_list(
            "parcel_id", "jurisdiction__slug"
        )
    )


def _bedroom_areas(units: Iterable[Unit]) -> dict[int, list[Decimal]]:
    """The units' bedroom areas, in the order recorded, in one query (no models: a chunk
    reads thousands)."""
    found: dict[int, list[Decimal]] = defaultdict(list)
    rooms = Bedroom.objects.filter(unit__in=list(units)).order_by("pk")
    for unit_id, area in rooms.values_list("unit_id", "area_sqft"):
        found[unit_id].append(area)
    return found


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    parcels = _parcels(placed)
    missing = {row["parcel_id"] for row, w in placed if (w.pk, row["parcel_id"]) not in parcels}
    elsewhere = _elsewhere(missing) if missing else {}
    units = {
        (unit.property_id, unit.label): unit
        for unit in Unit.objects.filter(property__in=parcels.values())
    }
    areas = _bedroom_areas(units.values())
    for row, where in placed:
        fields = Fields(row)
        values = _values(fields)
        parcel = parcels.get((where.pk, fields.text("parcel_id", required=True, limit=64)))
        if parcel is None and row["parcel_id"]:
            other = elsewhere.get(row["parcel_id"])
            fields.problem(
                "parcel_id",
                f"parcel '{row['parcel_id']}' is recorded in {other}, not {where.slug}: a unit "
                "is in its parcel's jurisdiction"
                if other
                else f"parcel '{row['parcel_id']}' is not recorded in {where.slug}: import "
                "the properties first",
            )
        if plan.refuses(fields) or parcel is None:
            continue
        found = units.get((parcel.pk, values["label"]))
        if found is None:
            plan.creates.append((row, where, parcel, values))
            continue
        before = _state(found, areas.get(found.pk, []))
        if before != values:
            plan.updates.append((row, where, found, before, values))
        else:
            plan.unchanged += 1
    return plan


def _unit(parcel: Property, values: dict[str, Any]) -> Unit:
    fields = {k: v for k, v in values.items() if k != "bedrooms"}
    return Unit(property_id=parcel.pk, **fields)


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = Unit.objects.bulk_create(
        [_unit(parcel, values) for _, _, parcel, values in plan.creates], batch_size=BATCH
    )
    rooms = [
        Bedroom(unit_id=unit.pk, area_sqft=area)
        for (_, _, _, values), unit in zip(plan.creates, made, strict=True)
        for area in values["bedrooms"]
    ]
    events = [
        context.event(row, "import-unit", unit, where, after=_shown(values))
        for (row, where, _, values), unit in zip(plan.creates, made, strict=True)
    ]
    changed = []
    for row, where, unit, before, values in plan.updates:
        for name, value in values.items():
            if name != "bedrooms":
                setattr(unit, name, value)
        changed.append(unit)
        rooms.extend(Bedroom(unit=unit, area_sqft=area) for area in values["bedrooms"])
        events.append(
            context.event(
                row, "import-unit", unit, where, before=_shown(before), after=_shown(values)
            )
        )
    if changed:
        Unit.objects.bulk_update(
            changed, ["label", "unit_type", "units_in_building", "new_construction"]
        )
        Bedroom.objects.filter(unit__in=changed).delete()
    Bedroom.objects.bulk_create(rooms, batch_size=BATCH)
    return events


KIND = Kind(
    name="units",
    required=("parcel_id", "unit_type", "bedroom_areas"),
    optional=("label", "units_in_building", "new_construction"),
    key=("parcel_id", "label"),
    key_rule="a unit is recorded once per parcel and label",
    check=check,
    write=write,
)
