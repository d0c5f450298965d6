"""What each CSV export holds: its columns, its rows for the range, and safe cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from permitdesk.cases.models import Payment
from permitdesk.cases.services import inspections, payments
from permitdesk.cases.services.base import add_fee_lines, locked
from permitdesk.exports.tables import TABLES, cell
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Property
from permitdesk.rules.quote import quote
from tests.exports.downloads import download, table
from tests.factories import MONDAY, issued, people, submitted
from tests.moments import CENTRAL, central

pytestmark = pytest.mark.django_db


def test_the_payments_export_has_a_header_iso_times_and_plain_decimals_with_refunds() -> None:
    who = people()
    permit = issued(who)
    paid = Payment.objects.get(application=permit.application)
    payments.refund_payment(
        actor=who.clerk,
        payment=paid,
        amount=Decimal("12.50"),
        reason="overpaid",
        now=central("2026-11-20 16:45"),
    )
    status, body = download("payments", who.clerk)
    assert status == 200
    assert body.splitlines()[0] == ",".join(TABLES["payments"].header)
    rows = table(body)
    assert [(r["receipt_number"], r["amount"], r["refund_of"]) for r in rows] == [
        (paid.receipt_number, "80.00", ""),
        (rows[1]["receipt_number"], "-12.50", paid.receipt_number),  # a refund: no ' prefix
    ]
    assert rows[0]["recorded_at"] == "2026-11-16T10:00:00-06:00"
    assert rows[1]["recorded_at"] == "2026-11-20T16:45:00-06:00"
    assert rows[0]["recorded_by"] == who.clerk.username


def test_the_cases_export_gives_fees_payments_and_balance() -> None:
    who = people()
    permit = issued(who)
    unpaid = submitted(who)
    rows = {r["application"]: r for r in table(download("cases", who.clerk)[1])}
    assert set(rows) == {str(permit.application_id), str(unpaid.pk)}
    done = rows[str(permit.application_id)]
    assert (done["status"], done["fees_assessed"], done["fees_paid"], done["balance_due"]) == (
        "issued",
        "80.00",
        "80.00",
        "0.00",
    )
    assert [rows[str(unpaid.pk)][c] for c in ("fees_paid", "balance_due")] == ["0.00", "80.00"]
    assert done["submitted_at"] == "2026-11-16T10:00:00-06:00"
    assert [done[c] for c in ("address", "city", "occupied")] == [
        "10 N Central Ave",
        "Clayton",
        "no",
    ]


def test_the_inspections_and_permits_exports_give_dates_results_and_numbers() -> None:
    who = people()
    permit = issued(who)
    [visit] = table(download("inspections", who.official)[1])
    assert [visit[c] for c in ("scheduled_on", "window", "result")] == [
        "2026-11-18",
        "am",
        "passed",
    ]
    assert [visit[c] for c in ("violations", "number")] == ["0", "1"]
    assert visit["inspector"] == who.inspector.username
    assert visit["completed_at"] == "2026-11-18T10:00:00-06:00"
    [row] = table(download("permits", who.official)[1])
    assert (row["permit_number"], row["kind"], row["ends_on"]) == (
        permit.number,
        "standard",
        permit.ends_on.isoformat() if permit.ends_on else "",
    )
    assert row["issued_at"] == "2026-11-18T11:00:00-06:00"


def test_cells_a_spreadsheet_would_run_as_formulas_are_prefixed() -> None:
    who = people()
    case = submitted(who)
    Property.objects.filter(pk=case.unit.property_id).update(address='=HYPERLINK("http://x")')
    payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=dt.date(2026, 11, 18),
        window="pm",
        contact_name="@SUM(A1:A9)",
        contact_phone="+1 314 555 0100",
        now=MONDAY,
    )
    [row] = table(download("inspections", who.clerk)[1])
    assert row["address"] == '\'=HYPERLINK("http://x")'
    assert row["contact_name"] == "'@SUM(A1:A9)"
    assert row["contact_phone"] == "'+1 314 555 0100"
    assert row["inspector"] == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("-2+3", "'-2+3"),
        ("\tcmd", "'\tcmd"),
        ("plain", "plain"),
        (Decimal("-5"), "-5.00"),
        (Decimal("3.456"), "3.46"),
        (7, "7"),
        (None, ""),
        (True, "yes"),
        (dt.date(2026, 1, 2), "2026-01-02"),
        (dt.datetime(2026, 7, 1, 17, 0, tzinfo=dt.UTC), "2026-07-01T12:00:00-05:00"),
    ],
)
def test_a_cell_is_written_by_its_type(value: object, text: str) -> None:
    assert cell(value, CENTRAL) == text


def test_the_range_runs_from_local_midnight_to_the_end_of_the_last_day() -> None:
    who = people()
    cases = [submitted(who) for _ in range(3)]
    moments = ["2026-11-16 23:59", "2026-11-17 00:00", "2026-11-19 23:59"]
    for case, moment in zip(cases, moments, strict=True):
        payments.record_payment(
            actor=who.clerk,
            application=case,
            method="check",
            amount=Decimal("80.00"),
            now=central(moment),
        )
    window = {"from": "2026-11-17", "to": "2026-11-19"}
    rows = table(download("payments", who.clerk, **window)[1])
    assert [r["recorded_at"] for r in rows] == [
        "2026-11-17T00:00:00-06:00",
        "2026-11-19T23:59:00-06:00",
    ]
    day_after = {"from": "2026-11-20", "to": "2026-11-20"}
    assert table(download("payments", who.clerk, **day_after)[1]) == []


def test_deposits_are_apart_from_fees_in_the_cases_and_payments_exports() -> None:
    who = people()
    case = submitted(who)
    with transaction.atomic():  # Clayton's demolition lines, as a service adds them
        add_fee_lines(
            locked(case),
            quote(
                get_pack("clayton-mo"),
                "demolition-permit",
                {"total_demolition": True},
                MONDAY.date(),
            ),
            MONDAY,
        )
    fee = payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    deposit = payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("1000.00"),
        now=MONDAY, kind="deposit",
    )  # fmt: skip
    payments.refund_payment(
        actor=who.clerk, payment=deposit, amount=Decimal("400.00"), reason="released", now=MONDAY
    )
    [row] = table(download("cases", who.clerk)[1])
    columns = ("fees_assessed", "fees_paid", "balance_due", "deposits_assessed", "deposits_paid")
    # fees: $80 occupancy + $30 application + $80 demolition; $1,000 held, $400 released
    assert [row[c] for c in columns] == ["190.00", "80.00", "110.00", "1000.00", "600.00"]
    kinds = {r["receipt_number"]: r["kind"] for r in table(download("payments", who.clerk)[1])}
    assert kinds[fee.receipt_number] == "fee"
    assert kinds[deposit.receipt_number] == "deposit"
    assert sorted(kinds.values()) == ["deposit", "deposit", "fee"]
