"""Migration 0004 fills the stored balance of the cases already there from their ledgers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.factories.migrations import Migrator, old_case, old_unit

BEFORE = [("cases", "0003_approval_carried_over")]
AFTER = [("cases", "0004_stored_balance_and_deposit_payments")]
AT = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)


def test_the_migration_backfills_each_balance_from_fees_not_waived_less_payments(
    migrator: Migrator,
) -> None:
    apps = migrator.to(BEFORE)
    user = apps.get_model("auth", "User").objects.create(username="backfill")
    unit = old_unit(apps)
    FeeLine = apps.get_model("cases", "FeeLine")
    Payment = apps.get_model("cases", "Payment")

    def case(n: int, lines: list[tuple[str, str, str]], paid: list[str]) -> int:
        app = old_case(apps, unit, user, AT)
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

    after = migrator.to(AFTER).get_model("cases", "Application")
    balances = dict(after.objects.values_list("pk", "balance_due"))
    assert balances == {
        owing: Decimal("50.00"),  # 80 (the 50 waived) less 30
        settled: Decimal("0.00"),  # the deposit is apart
        credit: Decimal("-30.00"),  # nothing due, 30 paid net: a credit
        bare: Decimal("0.00"),
    }
