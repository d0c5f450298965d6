"""properties: parcels, one per jurisdiction and parcel id (the natural key)."""

from __future__ import annotations

from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Jurisdiction, Property, normalized
from permitdesk.records.services import property_state

BATCH = 1000


def _values(fields: Fields) -> dict[str, str]:
    values = {
        "parcel_id": fields.text("parcel_id", required=True, limit=64),
        "address": fields.text("address", required=True),
        "city": fields.text("city", required=True, limit=100),
        "state": fields.text("state", required=True, limit=2).upper(),
        "zip_code": fields.text("zip_code", limit=10),
    }
    if values["state"] and not (len(values["state"]) == 2 and values["state"].isalpha()):
        fields.problem("state", f"state is '{values['state']}'; a two-letter code such as MO")
    return values


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    existing = {
        (place.jurisdiction_id, place.parcel_id): place
        for place in Property.objects.filter(
            jurisdiction_id__in={where.pk for _, where in placed},
            parcel_id__in={row["parcel_id"] for row, _ in placed},
        )
    }
    for row, where in placed:
        fields = Fields(row)
        values = _values(fields)
        if plan.refuses(fields):
            continue
        found = existing.get((where.pk, values["parcel_id"]))
        if found is None:
            plan.creates.append((row, where, values))
        elif property_state(found) != values:
            plan.updates.append((row, where, found, values))
        else:
            plan.unchanged += 1
    return plan


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = Property.objects.bulk_create(
        [
            Property(jurisdiction=where, normalized_address=normalized(v["address"]), **v)
            for _, where, v in plan.creates
        ],
        batch_size=BATCH,
    )
    events = [
        context.event(row, "import-property", place, where, after=values)
        for (row, where, values), place in zip(plan.creates, made, strict=True)
    ]
    changed: list[Property] = []
    for row, where, place, values in plan.updates:
        before: dict[str, Any] = property_state(place)
        for name, value in values.items():
            setattr(place, name, value)
        place.normalized_address = normalized(place.address)
        changed.append(place)
        events.append(
            context.event(row, "import-property", place, where, before=before, after=values)
        )
    Property.objects.bulk_update(
        changed, [*property_state(Property()), "normalized_address"], batch_size=BATCH
    )
    return events


KIND = Kind(
    name="properties",
    required=("parcel_id", "address", "city", "state"),
    optional=("zip_code",),
    key=("parcel_id",),
    key_rule="a parcel is recorded once per jurisdiction",
    check=check,
    write=write,
)
