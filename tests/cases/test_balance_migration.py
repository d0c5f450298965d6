"""Migration 0004 fills the stored balance of the cases already there from their ledgers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0003_approval_carried_over")]
AFTER = [("cases", "0004_stored_balance_and_deposit_payments")]
AT = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_backfills_each_balance_from_fees_not_waived_less_payments() -> None:
    executor = _migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    try:
        user = apps.get_model("auth", "User").objects.create(username="backfill")
        place = apps.get_model("records", "Property").objects.create(
            jurisdiction=apps.get_model("records", "Jurisdiction").objects.create(
                slug="clayton-mo", name="Clayton"
            ),
            parcel_id="B-1",
            address="1 Main St",
            normalized_address="1 MAIN ST",
            city="Clayton",
            state="MO",
            zip_code="63105",
        )
        unit = apps.get_model("records", "Unit").objects.create(property=place, unit_type="condo")
        Application = apps.get_model("cases", "Application")
        FeeLine = apps.get_model("cases", "FeeLine")
        Payment = apps.get_model("cases", "Payment")

        def case(n: int, lines: list[tuple[str, str, str]], paid: list[str]) -> int:
            app = Application.objects.create(
                jurisdiction=place.jurisdiction, unit=unit, applicant=user, fee_item="x",
                trigger="lease", submitted_at=AT, processed_at=AT,
            )  # fmt: skip
            for k, (kind, amount, waived) in enumerate(lines):
                FeeLine.objects.create(
                    application=app, fee_item="x", line_id=f"l{k}", label="L", kind=kind,
                    amount=Decimal(amount), basis="", citation="", assessed_at=AT,
                    waived_reason=waived,
                )  # fmt: skip
            for k, amount in enumerate(paid):
                Payment.objects.create(
                    application=app, method="check", amount=Decimal(amount),
                    receipt_number=f"R-{n}-{k}", recorded_by=user, recorded_at=AT,
                )  # fmt: skip
            return int(app.pk)

        owing = case(1, [("fee", "80.00", ""), ("fee", "50.00", "hardship")], ["30.00"])
        settled = case(2, [("fee", "60.00", ""), ("deposit", "1000.00", "")], ["60.00"])
        credit = case(3, [("fee", "40.00", "waived after paying")], ["40.00", "-10.00"])
        bare = case(4, [], [])

        executor = _migrate(AFTER)
        after = executor.loader.project_state(AFTER).apps.get_model("cases", "Application")
        balances = dict(after.objects.values_list("pk", "balance_due"))
        assert balances == {
            owing: Decimal("50.00"),  # 80 (the 50 waived) less 30
            settled: Decimal("0.00"),  # the deposit is apart
            credit: Decimal("-30.00"),  # nothing due, 30 paid net: a credit
            bare: Decimal("0.00"),
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
