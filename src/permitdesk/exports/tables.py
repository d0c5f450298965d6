"""What each CSV export holds: one query per kind, streamed, and the formatting of its cells.

A case is in a range by its submission, an inspection by the day it is scheduled for, a
payment by when it was recorded and a permit by when it was issued, each in the
jurisdiction's time zone. Times are ISO 8601 with their offset, dates ISO, money a plain
decimal with two places (a refund is negative). A case's fees and deposits are apart, as in
its ledger: `fees_paid` and `deposits_paid` are net of refunds and releases, and
`balance_due` is the stored balance (negative: a credit). A text cell that a spreadsheet
would read as a formula (starting with = + - @, a tab or a carriage return) is prefixed
with ' (CSV injection); numbers and dates are written as such and need no prefix.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from permitdesk.cases.models import Application, FeeLine, Inspection, Payment, Permit, Violation
from permitdesk.exports.date_range import DateRange
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import zone
from permitdesk.rules.money import money

CHUNK = 1000  # rows fetched at a time; memory stays flat however long the range
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))
ADDRESS = ("address", "unit", "city", "state", "zip_code")
# ADDRESS's columns as lookups from a unit
ADDRESS_FROM_UNIT = (
    "property__address",
    "label",
    "property__city",
    "property__state",
    "property__zip_code",
)


def _address_of(unit: str) -> tuple[str, ...]:
    """The columns of ADDRESS, read through the lookup `unit` of the rows' unit."""
    return tuple(f"{unit}__{field}" for field in ADDRESS_FROM_UNIT)


def _sum(model: Any, where: dict[str, Any]) -> Coalesce:
    """The sum of `amount` of the case's rows of `model`, as a correlated subquery."""
    total = (
        model.objects.filter(application=OuterRef("pk"), **where)
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total), ZERO)


def _stream(rows: QuerySet[Any], by: str, *columns: str) -> Iterator[tuple[Any, ...]]:
    """The rows in order of `by` (then id), as tuples of `columns`, CHUNK at a time."""
    return rows.order_by(by, "id").values_list(*columns).iterator(chunk_size=CHUNK)


def _during(field: str, j: Jurisdiction, r: DateRange) -> dict[str, dt.datetime]:
    """The filter of the moments `field` in the range, in the jurisdiction's time zone."""
    start, end = r.moments(get_pack(j.slug))
    return {f"{field}__gte": start, f"{field}__lt": end}


def _cases(j: Jurisdiction, r: DateRange) -> Iterator[tuple[Any, ...]]:
    cases = Application.objects.filter(jurisdiction=j, **_during("submitted_at", j, r)).annotate(
        fees=_sum(FeeLine, {"kind": "fee", "waived_reason": ""}),
        fees_paid=_sum(Payment, {"kind": Payment.Kind.FEE}),
        deposits=_sum(FeeLine, {"kind": "deposit", "waived_reason": ""}),
        deposits_paid=_sum(Payment, {"kind": Payment.Kind.DEPOSIT}),
    )
    return _stream(
        cases,
        "submitted_at",
        *("id", "submitted_at", "status", "trigger", "fee_item", "occupied"),
        *_address_of("unit"),
        *("applicant__username", "fees", "fees_paid", "balance_due"),
        *("deposits", "deposits_paid"),
    )


def _inspections(j: Jurisdiction, r: DateRange) -> Iterator[tuple[Any, ...]]:
    violations = (
        Violation.objects.filter(inspection=OuterRef("pk"))
        .order_by()
        .values("inspection")
        .annotate(n=Count("id"))
        .values("n")
    )
    inspections = Inspection.objects.filter(
        application__jurisdiction=j, scheduled_on__gte=r.first, scheduled_on__lte=r.last
    ).annotate(violation_count=Coalesce(Subquery(violations), 0))
    return _stream(
        inspections,
        "scheduled_on",
        *("id", "application_id", "number", "scheduled_on", "window", "inspector__username"),
        *("result", "completed_at", "violation_count"),
        *("request__contact_name", "request__contact_phone"),
        *_address_of("application__unit"),
    )


def _payments(j: Jurisdiction, r: DateRange) -> Iterator[tuple[Any, ...]]:
    payments = Payment.objects.filter(application__jurisdiction=j, **_during("recorded_at", j, r))
    return _stream(
        payments,
        "recorded_at",
        *("receipt_number", "application_id", "recorded_at", "method", "kind", "amount"),
        *("refund_of__receipt_number", "recorded_by__username", "reference"),
    )


def _permits(j: Jurisdiction, r: DateRange) -> Iterator[tuple[Any, ...]]:
    permits = Permit.objects.filter(application__jurisdiction=j, **_during("issued_at", j, r))
    return _stream(
        permits,
        "issued_at",
        *("number", "application_id", "kind", "issued_at", "ends_on", "correction_due_on"),
        *("ended_at", "end_reason", "evidence"),
        *_address_of("application__unit"),
    )


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Callable[[Jurisdiction, DateRange], Iterable[Sequence[Any]]]


TABLES: dict[str, Table] = {
    "cases": Table(
        ("application", "submitted_at", "status", "trigger", "fee_item", "occupied", *ADDRESS)
        + ("applicant", "fees_assessed", "fees_paid", "balance_due")
        + ("deposits_assessed", "deposits_paid"),
        _cases,
    ),
    "inspections": Table(
        ("inspection", "application", "number", "scheduled_on", "window", "inspector", "result")
        + ("completed_at", "violations", "contact_name", "contact_phone", *ADDRESS),
        _inspections,
    ),
    "payments": Table(
        ("receipt_number", "application", "recorded_at", "method", "kind", "amount")
        + ("refund_of", "recorded_by", "reference"),
        _payments,
    ),
    "permits": Table(
        ("permit_number", "application", "kind", "issued_at", "ends_on", "correction_due_on")
        + ("ended_at", "end_reason", "evidence", *ADDRESS),
        _permits,
    ),
}
KINDS = tuple(TABLES)


def cell(value: Any, tz: ZoneInfo) -> str:
    """One value as CSV text: ISO times in the jurisdiction's zone, plain decimals, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{money(value):f}"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() returns the line, for csv.writer to format one row."""

    def write(self, line: str) -> str:
        return line


def csv_lines(kind: str, jurisdiction: Jurisdiction, dates: DateRange) -> Iterator[str]:
    """The export as CSV text, a batch of rows at a time: the header, then one row per record."""
    table = TABLES[kind]
    tz = zone(get_pack(jurisdiction.slug))
    writer = csv.writer(_Line())
    yield writer.writerow(table.header)
    batch: list[str] = []
    for row in table.rows(jurisdiction, dates):
        batch.append(writer.writerow([cell(v, tz) for v in row]))
        if len(batch) >= 200:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
