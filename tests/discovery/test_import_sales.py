"""import_sales through the imports' pipeline: a dry run writes nothing, a second run of the
same file changes nothing, and each bad row is named by line and column with nothing
written."""

from __future__ import annotations

import pytest

from permitdesk.audit.models import AuditEvent
from permitdesk.discovery.models import ChangeEvidence
from tests.discovery.conftest import HEADER, County, Importer, row


def test_a_dry_run_checks_every_row_and_writes_nothing(import_sales: Importer) -> None:
    report = import_sales(row(), row(address="45 Pine Rd", parcel="", unit="1A"), dry_run=True)
    assert report.created == 2
    assert report.problems == []
    assert report.lines()[-1] == "dry run: nothing written"
    assert not ChangeEvidence.objects.exists()


def test_a_file_is_written_with_an_audit_event_per_sale(import_sales: Importer) -> None:
    report = import_sales(row(), row(parcel="0033", address="77 Oak Ave", grantee="Bo"))
    assert report.written
    assert report.created == 2
    sale = ChangeEvidence.objects.get(address="123 North Main Street")
    assert sale.due_on.isoformat() == "2026-10-01"  # recorded 2026-09-01 + 30 days
    assert sale.answered_from.isoformat() == "2026-03-05"  # 180 days before
    assert sale.counted
    assert sale.source == "sale"
    assert sale.imported_from == "sales.csv:2"
    assert AuditEvent.objects.filter(action="discovery.sale-recorded").count() == 2


def test_a_second_run_of_the_same_file_changes_nothing(import_sales: Importer) -> None:
    import_sales(row(), row(parcel="0033", address="77 Oak Ave"))
    again = import_sales(row(), row(parcel="0033", address="77 Oak Ave"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ChangeEvidence.objects.count() == 2


def test_a_corrected_price_or_deed_type_updates_the_record(import_sales: Importer) -> None:
    import_sales(row())
    again = import_sales(row(deed="quitclaim"))
    assert (again.created, again.updated) == (0, 1)
    assert ChangeEvidence.objects.get().deed_type == "quitclaim"


BAD = [
    (row(address="hello world", parcel=""), "situs_address", "has no house number and street name"),
    (row(address="", parcel="99-999"), "parcel_id", "parcel '99-999' is not recorded here"),
    (
        row(address="", parcel=""),
        "situs_address",
        "situs_address is required where parcel_id is blank",
    ),
    (
        row(recorded="2027-01-05"),
        "recorded_on",
        "after today (2026-11-18): a recording in the future",
    ),
    (row(recorded="2006-01-05"), "recorded_on", "before St. Louis County"),
    (row(recorded="5/1/2026"), "recorded_on", "a date as YYYY-MM-DD"),
    (row(deed="gift-of-love"), "deed_type", "deed_type is 'gift-of-love'; one of: warranty,"),
    (row(grantee=""), "grantee", "grantee is required"),
    (row(email="not-an-address"), "grantee_email", "is not an e-mail address"),
    (row() + ",extra", "", "the row has 12 fields; the header has 11"),
]


@pytest.mark.parametrize(("bad", "column", "message"), BAD)
def test_a_bad_row_is_named_and_nothing_is_written(
    import_sales: Importer, bad: str, column: str, message: str
) -> None:
    report = import_sales(row(parcel="0033", address="77 Oak Ave"), bad)
    assert not report.written
    [problem] = report.problems
    assert (problem.line, problem.column) == (3, column)
    assert message in problem.message, problem.message
    assert not ChangeEvidence.objects.exists()


def test_a_header_without_a_column_is_refused(import_sales: Importer) -> None:
    report = import_sales(row(), header=HEADER.replace("deed_type,", "deed,"))
    assert not report.written
    assert any("the header lacks the column deed_type" in str(p) for p in report.problems)


def test_the_same_sale_twice_in_a_file_is_refused_at_its_second_line(
    import_sales: Importer,
) -> None:
    report = import_sales(row(), row())
    [problem] = report.problems
    assert problem.line == 3
    assert "is in the file twice: first at line 2" in problem.message


def test_the_command_prints_the_reconciliation_and_the_matching(
    county: County, tmp_path: object
) -> None:
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    path = Path(str(tmp_path)) / "sales.csv"
    path.write_text(HEADER + "\n" + row() + "\n", encoding="utf-8")
    out = StringIO()
    call_command(
        "import_sales", str(path), "--jurisdiction", "st-louis-county-mo",
        "--actor", county.clerk.username, stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert "sales: rows read 1, created 1, updated 0, unchanged 0, refused 0" in text
    assert "matched by parcel id 1, by address 0; to review 0; unmatched 0" in text


def test_the_documented_sample_imports_and_matches(county: County, tmp_path: object) -> None:
    from pathlib import Path

    from permitdesk.discovery.matching import match_pending
    from permitdesk.discovery.sales import KIND
    from permitdesk.imports.pipeline import run
    from tests.discovery.conftest import NOW

    sample = Path(__file__).resolve().parents[2] / "docs" / "import" / "sales.csv"
    report = run(
        KIND,
        sample,
        actor_username=county.clerk.username,
        now=NOW,
        jurisdiction="st-louis-county-mo",
    )
    assert report.problems == []
    assert report.created == 4
    matched = match_pending(jurisdiction=county.jurisdiction, actor=county.clerk, now=NOW)
    assert (matched.parcel, matched.address, matched.review) == (3, 1, 0)
    assert not ChangeEvidence.objects.get(grantee="Dee Moss Living Trust").counted
