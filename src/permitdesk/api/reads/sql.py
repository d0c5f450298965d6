"""What the hand-written reads share: the two databases' words for a JSON list, running one
statement, and turning a column (or an element of a JSON list) into the Python value the
API's schemas hold, the same on SQLite and PostgreSQL.

Why hand-written: see docs/decisions/0006-hot-reads.md. Each read here is checked against
the ORM read and its ninja schema, document for document (tests/api/test_api_reads.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.http import HttpResponse
from ninja.responses import NinjaJSONEncoder

from permitdesk.rules.money import money

Row = tuple[Any, ...]


def json_rows(*columns: str) -> str:
    """An aggregate: the group's rows as a JSON list of lists (unordered; sort in Python)."""
    if connection.vendor == "postgresql":  # as text: psycopg would parse numbers as floats
        return f"CAST(json_agg(json_build_array({', '.join(columns)})) AS text)"
    return f"json_group_array(json_array({', '.join(columns)}))"


def json_row(*columns: str) -> str:
    """One row as a JSON list (or NULL): a one-row records() column."""
    if connection.vendor == "postgresql":
        return f"CAST(json_build_array(json_build_array({', '.join(columns)})) AS text)"
    return f"json_array(json_array({', '.join(columns)}))"


def fetch(statement: str, params: Sequence[Any]) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return list(cursor.fetchall())


def fetch_together(statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Row]]:
    """Each statement's rows, the statements sent at once: one round trip on PostgreSQL
    (psycopg's pipeline mode), one after the other on SQLite (in-process: no round trip)."""
    with connection.cursor() as first:  # connects, and health-checks a kept connection
        cursors = [first] + [connection.cursor() for _ in statements[1:]]
        try:
            pipeline = (
                connection.connection.pipeline()
                if connection.vendor == "postgresql"
                else contextlib.nullcontext()
            )
            with pipeline:
                for cursor, (statement, params) in zip(cursors, statements, strict=True):
                    cursor.execute(statement, params)
            return [list(cursor.fetchall()) for cursor in cursors]
        finally:
            for cursor in cursors[1:]:
                cursor.close()


def moment_param(value: dt.datetime) -> Any:
    """A timezone-aware moment as the database compares it (SQLite keeps UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def date_param(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


# Converters: a column's value, or the same value inside a JSON list, to the schema's type.
def as_int(value: Any) -> int:
    return int(value)


def as_int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def as_str(value: Any) -> str:
    return "" if value is None else str(value)


def as_bool(value: Any) -> bool:
    return bool(value)


def as_money(value: Any) -> Decimal:
    return money(value if isinstance(value, Decimal) else Decimal(str(value)))


def as_moment(value: Any) -> dt.datetime:
    """Aware, in UTC: PostgreSQL gives it aware (or ISO text in JSON), SQLite naive UTC."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def as_moment_or_none(value: Any) -> dt.datetime | None:
    return None if value is None else as_moment(value)


def as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def as_date_or_none(value: Any) -> dt.date | None:
    return None if value is None else as_date(value)


def as_json(value: Any) -> Any:
    """A JSON column: PostgreSQL nests it, SQLite gives its text."""
    return json.loads(value) if isinstance(value, str) else value


Convert = Callable[[Any], Any]
Fields = tuple[tuple[str, Convert], ...]


def record(fields: Fields, values: Sequence[Any]) -> dict[str, Any]:
    """A row (or a JSON list) as the schema's object, in the schema's field order."""
    return {name: convert(value) for (name, convert), value in zip(fields, values, strict=True)}


def records(fields: Fields, aggregate: Any) -> list[dict[str, Any]]:
    """A json_rows() column: None (PostgreSQL, no rows), JSON text, or a parsed list."""
    if aggregate is None:
        return []
    rows = json.loads(aggregate, parse_float=Decimal) if isinstance(aggregate, str) else aggregate
    return [record(fields, row) for row in rows]


def json_response(document: Any, status: int = 200) -> HttpResponse:
    """The document as ninja renders a schema's answer (its encoder, its content type)."""
    return HttpResponse(
        json.dumps(document, cls=NinjaJSONEncoder),
        status=status,
        content_type="application/json; charset=utf-8",
    )
