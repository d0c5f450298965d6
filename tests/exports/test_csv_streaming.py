"""An export streams: a fixed number of queries and flat memory, however long the range."""

from __future__ import annotations

import tracemalloc
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from permitdesk.cases.models import Application, Payment
from tests.exports.downloads import WHOLE_NOVEMBER, client_of, download
from tests.factories import MONDAY, issued, people, submitted

pytestmark = pytest.mark.django_db


def _more_payments(case: Application, count: int, start: int) -> None:
    """Ledger rows written straight to the table: the services would take minutes for tens
    of thousands, and the export reads rows, not how they were made."""
    first = Payment.objects.filter(application=case).earliest("id")
    Payment.objects.bulk_create(
        (
            Payment(
                application=case,
                method="check",
                amount=Decimal("1.00"),
                receipt_number=f"BULK-{start + n}",
                recorded_by_id=first.recorded_by_id,
                recorded_at=MONDAY,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def _stream(user: User) -> tuple[int, int]:
    """(lines, peak memory) of downloading the payments export, read chunk by chunk."""
    response = client_of(user).get("/exports/payments.csv", WHOLE_NOVEMBER)
    assert isinstance(response, StreamingHttpResponse)
    rows = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            rows += bytes(chunk).count(b"\n")  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return rows, peak


def test_memory_stays_flat_from_two_thousand_rows_to_twenty_thousand() -> None:
    who = people()
    case = issued(who).application
    _more_payments(case, 2_000, 0)
    rows, small = _stream(who.clerk)
    assert rows == 1 + 2_001
    _more_payments(case, 18_000, 2_000)
    rows, big = _stream(who.clerk)
    assert rows == 1 + 20_001
    # Ten times the rows: were they held in memory, the peak would grow about tenfold.
    assert big < 2 * small, (small, big)


def test_the_export_costs_the_same_queries_for_one_row_and_for_fifty() -> None:
    who = people()
    case = issued(who).application

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            status, _ = download("cases", who.clerk)
            download("payments", who.clerk)
        assert status == 200
        return len(seen.captured_queries)

    one = queries()
    _more_payments(case, 50, 0)
    for _ in range(5):
        submitted(who)
    assert queries() == one
