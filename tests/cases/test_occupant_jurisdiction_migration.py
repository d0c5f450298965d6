"""Migration 0012 gives each occupant already named its case's jurisdiction (the staff search
filters occupants by it: cases.search), and 0013 makes it required."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0011_queue_covering_indexes")]
AFTER = [("cases", "0013_search_probe_indexes")]
AT = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_occupant_its_cases_jurisdiction() -> None:
    executor = _migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    try:
        user = apps.get_model("auth", "User").objects.create(username="backfill")
        Jurisdiction = apps.get_model("records", "Jurisdiction")
        Application = apps.get_model("cases", "Application")
        Occupant = apps.get_model("cases", "Occupant")

        def case(slug: str, parcel: str) -> int:
            place = apps.get_model("records", "Property").objects.create(
                jurisdiction=Jurisdiction.objects.get_or_create(slug=slug, name=slug)[0],
                parcel_id=parcel, address="1 Main St", normalized_address="1 MAIN ST",
                city="Clayton", state="MO", zip_code="63105",
            )  # fmt: skip
            unit = apps.get_model("records", "Unit").objects.create(
                property=place, unit_type="condo"
            )
            app = Application.objects.create(
                jurisdiction=place.jurisdiction, unit=unit, applicant=user, fee_item="x",
                trigger="lease", submitted_at=AT, processed_at=AT,
            )  # fmt: skip
            return int(app.pk)

        named: dict[int, str] = {}
        for slug, parcel, people in (("clayton-mo", "A-1", 2), ("st-louis-county-mo", "B-1", 3)):
            pk = case(slug, parcel)
            for k in range(people):
                occupant = Occupant.objects.create(
                    application_id=pk, first_name=f"Ada{k}", last_name="Tenant"
                )
                named[occupant.pk] = slug

        executor = _migrate(AFTER)
        after = executor.loader.project_state(AFTER).apps.get_model("cases", "Occupant")
        got = dict(after.objects.values_list("pk", "jurisdiction__slug"))
        assert got == named
        field = after._meta.get_field("jurisdiction")
        assert not field.null
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
