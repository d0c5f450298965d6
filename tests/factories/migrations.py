"""For the tests of a data migration: move the test database to a migration, seed it through
the historical models of that state, move it on and read the result; and the rows every such
seed starts from (a jurisdiction's property with a unit, a case on it), made through the
historical models so that a later change to the real ones cannot break them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Targets = list[tuple[str, str]]


class Migrator:
    """The test database moved between migrations; the `migrator` fixture (tests/conftest.py)
    moves it back to the latest ones after the test, whatever happened."""

    def to(self, targets: Targets) -> Apps:
        """Migrate to `targets`; the historical models there."""
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def to_latest(self) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def old_unit(apps: Apps, slug: str = "clayton-mo", parcel: str = "B-1") -> Any:
    """A condo unit on 1 Main St, Clayton, parcel `parcel`, in the jurisdiction `slug`."""
    place = apps.get_model("records", "Property").objects.create(
        jurisdiction=apps.get_model("records", "Jurisdiction").objects.get_or_create(
            slug=slug, defaults={"name": slug}
        )[0],
        parcel_id=parcel, address="1 Main St", normalized_address="1 MAIN ST",
        city="Clayton", state="MO", zip_code="63105",
    )  # fmt: skip
    return apps.get_model("records", "Unit").objects.create(property=place, unit_type="condo")


def old_case(apps: Apps, unit: Any, applicant: Any, at: dt.datetime) -> Any:
    """A lease case on `unit` by `applicant`, submitted and processed at `at`."""
    return apps.get_model("cases", "Application").objects.create(
        jurisdiction=unit.property.jurisdiction, unit=unit, applicant=applicant, fee_item="x",
        trigger="lease", submitted_at=at, processed_at=at,
    )  # fmt: skip
