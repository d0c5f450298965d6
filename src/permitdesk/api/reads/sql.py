"""What the hand-written reads share: the two databases' words for a JSON list, running one
statement, and turning a column (or an element of a JSON list) into the JSON value the API's
schema renders, the same on SQLite and PostgreSQL. Amounts, dates and moments become the text
ninja's encoder writes for them (DjangoJSONEncoder's), here, so the encoder has nothing left
to convert; rows are put in order by their values, before they become text.

Why hand-written: see docs/decisions/0006-hot-reads.md. Each read here is checked against
the ORM read and its ninja schema, document for document (tests/api/test_api_reads.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection
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
    """The statement's rows. A connection kept from an earlier request is not health-checked
    with a `SELECT 1` of its own (a round trip, as Django's CONN_HEALTH_CHECKS does): the
    statement is the check. If it fails because the kept connection is broken (the database
    restarted, a pooler dropped it), the connection is closed and the statement, a read, runs
    once more on a new one; any other error is raised as it is."""
    kept = connection.connection is not None and not connection.in_atomic_block
    if kept:
        connection.health_check_done = True  # type: ignore[attr-defined]  # Django >= 4.1 has it; the stubs do not
    try:
        return _rows(statement, params)
    except DatabaseError:
        if not kept or not _broken():
            raise
    connection.close()
    return _rows(statement, params)


def _rows(statement: str, params: Sequence[Any]) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return list(cursor.fetchall())


def _broken() -> bool:
    """Whether the connection is lost, not merely the statement failed (Django's own check:
    on PostgreSQL a round trip, made only here, after a failure; SQLite has no server to lose)."""
    return connection.connection is None or not connection.is_usable()


def moment_param(value: dt.datetime) -> Any:
    """A timezone-aware moment as the database compares it (SQLite keeps UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def date_param(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


# Converters: a column's value, or the same value inside a JSON list, to the schema's JSON value.
def as_int(value: Any) -> int:
    """An integer column: both databases give an int, in a column or in JSON (taken as is)."""
    return int(value)


def as_int_or_none(value: Any) -> int | None:
    """A nullable integer column: an int or None (taken as is)."""
    return None if value is None else int(value)


def as_str(value: Any) -> str:
    """A NOT NULL text column: both databases give a str (taken as is)."""
    return str(value)


def as_bool(value: Any) -> bool:
    return bool(value)


def as_money(value: Any) -> str:
    return str(money(value if isinstance(value, Decimal) else Decimal(str(value))))


def moment(value: Any) -> dt.datetime:
    """Aware, in UTC: PostgreSQL gives it aware (or ISO text in JSON), SQLite naive UTC."""
    found = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    if found.tzinfo is None:
        return found.replace(tzinfo=dt.UTC)
    return found.astimezone(dt.UTC)


_DJANGO_JSON = DjangoJSONEncoder()
_UTC_TEXT = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?:\+00:00)?")


def as_moment(value: Any) -> str:
    """As the API writes a moment: ISO 8601 in UTC to the millisecond, "Z", and no fraction when
    there are no microseconds (DjangoJSONEncoder's text). The UTC text the databases give in
    JSON (PostgreSQL's, its session in UTC, zeros trimmed; SQLite's, no fraction when it is
    zero) is rewritten as text; anything else goes through a datetime."""
    if isinstance(value, str) and (found := _UTC_TEXT.fullmatch(value)):
        day, time, fraction = found.groups()
        if fraction is None or not fraction.strip("0"):
            return f"{day}T{time}Z"
        return f"{day}T{time}.{(fraction + '00')[:3]}Z"
    text: str = _DJANGO_JSON.default(moment(value))
    return text


def as_moment_or_none(value: Any) -> str | None:
    return None if value is None else as_moment(value)


def as_date(value: Any) -> str:
    return (value if isinstance(value, dt.date) else dt.date.fromisoformat(value)).isoformat()


def as_date_or_none(value: Any) -> str | None:
    return None if value is None else as_date(value)


def as_json(value: Any) -> Any:
    """A JSON column: PostgreSQL nests it, SQLite gives its text."""
    return json.loads(value) if isinstance(value, str) else value


Convert = Callable[[Any], Any]
Fields = tuple[tuple[str, Convert], ...]


# Converters that leave the value as the database gave it: record() does not call them.
_AS_IS = {as_int, as_int_or_none, as_str}


@cache
def _plan(fields: Fields) -> tuple[tuple[str, ...], tuple[tuple[str, Convert], ...]]:
    """The fields' names, and the fields whose value needs converting."""
    names = tuple(name for name, _ in fields)
    return names, tuple((name, convert) for name, convert in fields if convert not in _AS_IS)


def record(fields: Fields, values: Sequence[Any]) -> dict[str, Any]:
    """A row (or a JSON list) as the schema's object, in the schema's field order."""
    names, converts = _plan(fields)
    found = dict(zip(names, values, strict=True))
    for name, convert in converts:
        found[name] = convert(found[name])
    return found


# How a field's raw value sorts: a moment by its instant (its text may lose microseconds, and
# SQLite's text leaves them out when there are none); any other by the value as it is.
_SORTS_BY: dict[Convert, Convert] = {as_moment: moment}


def in_order(fields: Fields, rows: list[Any], by: Sequence[str]) -> list[Any]:
    """Raw rows (or JSON lists) sorted by the named fields, ascending, as the ORM's order_by
    would."""
    keys = [
        (i, _SORTS_BY.get(convert))
        for name in by
        for i, (field, convert) in enumerate(fields)
        if field == name
    ]
    return sorted(
        rows, key=lambda row: tuple(row[i] if key is None else key(row[i]) for i, key in keys)
    )


def records(fields: Fields, aggregate: Any, by: Sequence[str]) -> list[dict[str, Any]]:
    """A json_rows() column (None on PostgreSQL for no rows, JSON text, or a parsed list) as
    the schema's objects, in the order of the fields `by` names."""
    if aggregate is None:
        return []
    rows = _decode(aggregate) if isinstance(aggregate, str) else aggregate
    return [record(fields, row) for row in in_order(fields, rows, by)]


_decode = json.JSONDecoder(parse_float=Decimal).decode  # amounts as Decimal, not float


def json_response(document: Any, status: int = 200) -> HttpResponse:
    """The document as ninja renders a schema's answer (its encoder, its content type)."""
    return json_text_response(json.dumps(document, cls=NinjaJSONEncoder), status)


def json_text_response(text: str, status: int = 200) -> HttpResponse:
    """A document already written as JSON text, answered as ninja answers one."""
    return HttpResponse(text, status=status, content_type="application/json; charset=utf-8")
