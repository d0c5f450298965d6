"""Migration 0012 gives each occupant already named its case's jurisdiction (the staff search
filters occupants by it: cases.search), and 0013 makes it required."""

from __future__ import annotations

import datetime as dt

from tests.factories.migrations import Migrator, old_case, old_unit

BEFORE = [("cases", "0011_queue_covering_indexes")]
AFTER = [("cases", "0013_search_probe_indexes")]
AT = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)


def test_the_migration_gives_each_occupant_its_cases_jurisdiction(migrator: Migrator) -> None:
    apps = migrator.to(BEFORE)
    user = apps.get_model("auth", "User").objects.create(username="backfill")
    Occupant = apps.get_model("cases", "Occupant")
    named: dict[int, str] = {}
    for slug, parcel, people in (("clayton-mo", "A-1", 2), ("st-louis-county-mo", "B-1", 3)):
        pk = old_case(apps, old_unit(apps, slug, parcel), user, AT).pk
        for k in range(people):
            occupant = Occupant.objects.create(
                application_id=pk, first_name=f"Ada{k}", last_name="Tenant"
            )
            named[occupant.pk] = slug

    after = migrator.to(AFTER).get_model("cases", "Occupant")
    got = dict(after.objects.values_list("pk", "jurisdiction__slug"))
    assert got == named
    field = after._meta.get_field("jurisdiction")
    assert not field.null
