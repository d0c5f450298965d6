"""Relations for the people who acted on a property before relations were kept: whoever
recorded a parcel (its create-property audit event) or applied for one of its units becomes
its claimed owner of record, for the clerk to verify or refuse. Claimed, not verified: the
audit trail shows who acted, not who owns (docs/decisions/0013)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

EVIDENCE = "acted on this property before relations were kept (records migration 0004)"


def forwards(apps: Any, schema_editor: Any) -> None:
    Relation = apps.get_model("records", "Relation")
    Property = apps.get_model("records", "Property")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Application = apps.get_model("cases", "Application")
    first: dict[tuple[int, int], Any] = {}
    recorded = AuditEvent.objects.filter(
        action="create-property", object_type="Property", actor__isnull=False
    ).values_list("actor_id", "object_id", "at")
    known = set(Property.objects.values_list("pk", flat=True))
    for person, object_id, at in recorded.iterator():
        if object_id.isdigit() and int(object_id) in known:
            key = (person, int(object_id))
            first[key] = min(first.get(key, at), at)
    applied = Application.objects.values_list("applicant_id", "unit__property_id", "submitted_at")
    for person, place, at in applied.iterator():
        key = (person, place)
        first[key] = min(first.get(key, at), at)
    Relation.objects.bulk_create(
        (
            Relation(
                person_id=person,
                property_id=place,
                kind="owner",
                status="claimed",
                evidence=EVIDENCE,
                claimed_at=at,
            )
            for (person, place), at in sorted(first.items())
        ),
        batch_size=1000,
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    apps.get_model("records", "Relation").objects.filter(evidence=EVIDENCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0003_property_relations"),
        ("audit", "0002_outbox_delivery"),
        ("cases", "0011_queue_covering_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
