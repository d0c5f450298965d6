"""Records migration 0004: whoever recorded a parcel or applied for one of its units before
relations were kept becomes its claimed owner, once, at the first time they acted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("records", "0003_property_relations"),
    ("cases", "0011_queue_covering_indexes"),
    ("audit", "0002_outbox_delivery"),
]
AFTER = [("records", "0004_relations_from_the_audit_trail")]
EARLY = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 4, 2, 16, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_recorders_and_applicants_become_claimed_owners_once() -> None:
    executor = _migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    try:
        User = apps.get_model("auth", "User")
        recorder, applicant, clerk = (User.objects.create(username=n) for n in "rac")
        place = apps.get_model("records", "Property").objects.create(
            jurisdiction=apps.get_model("records", "Jurisdiction").objects.create(
                slug="clayton-mo", name="Clayton"
            ),
            parcel_id="B-1", address="1 Main St", normalized_address="1 MAIN ST",
            city="Clayton", state="MO", zip_code="63105",
        )  # fmt: skip
        unit = apps.get_model("records", "Unit").objects.create(property=place, unit_type="condo")
        Event = apps.get_model("audit", "AuditEvent")
        for actor, at in ((recorder, LATE), (recorder, EARLY)):
            Event.objects.create(
                actor=actor, action="create-property", object_type="Property",
                object_id=str(place.pk), at=at, before=None, after={},
            )  # fmt: skip
        Event.objects.create(
            actor=clerk,
            action="create-property",
            object_type="Property",
            object_id="999999",
            at=EARLY,
            before=None,
            after={},
        )  # fmt: skip  (a property since gone: no relation)
        for who in (applicant, recorder):
            apps.get_model("cases", "Application").objects.create(
                jurisdiction=place.jurisdiction, unit=unit, applicant=who, fee_item="x",
                trigger="lease", submitted_at=LATE, processed_at=LATE,
            )  # fmt: skip

        executor = _migrate(AFTER)
        Relation = executor.loader.project_state(AFTER).apps.get_model("records", "Relation")
        found = sorted(
            Relation.objects.values_list("person__username", "kind", "status", "claimed_at")
        )
        assert found == [("a", "owner", "claimed", LATE), ("r", "owner", "claimed", EARLY)]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
