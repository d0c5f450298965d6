"""The API's JSON written by the database: a row as the text of one JSON object, its values
as ninja's encoder writes them (DjangoJSONEncoder's text for amounts and moments), on SQLite
and on PostgreSQL alike. The case lists' pages are made of these (lists.py): Python puts the
rows in order and joins their texts, and neither converts nor encodes a value.

Each word is held to the encoder's text by tests/api/test_read_values.py, on both databases,
for the values they store; the pages are held to the ORM read's by tests/api/test_api_reads.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from permitdesk.api.reads.sql import Convert, Fields, as_int, as_moment, as_money, as_str

Word = Callable[[str, str], str]  # (column, database vendor) -> an SQL expression


def _as_is(column: str, vendor: str) -> str:
    return column


def moment_text(column: str, vendor: str) -> str:
    """A moment as DjangoJSONEncoder writes it: ISO 8601 in UTC to the millisecond (cut, not
    rounded), "Z", and no fraction when there are no microseconds. SQLite holds Django's UTC
    text ("YYYY-MM-DD HH:MM:SS", ".ffffff" when there are microseconds); PostgreSQL writes it
    from the instant."""
    if vendor == "postgresql":
        full = f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
        return (
            f"(CASE WHEN right({full}, 6) = '000000' THEN left({full}, 19) "
            f"ELSE left({full}, 23) END || 'Z')"
        )
    return (
        f"(substr({column}, 1, 10) || 'T' || substr({column}, 12, 8) || "
        f"CASE WHEN substr({column}, 21, 6) IN ('', '000000') THEN '' "
        f"ELSE substr({column}, 20, 4) END || 'Z')"
    )


def money_text(column: str, vendor: str) -> str:
    """An amount as the API writes it: a JSON string with two places ("80.00"). SQLite keeps a
    decimal column as a number (80, 12.5); PostgreSQL's numeric keeps its places."""
    if vendor == "postgresql":
        return f"CAST(round({column}, 2) AS text)"
    return f"printf('%.2f', {column})"


def sort_text(column: str, vendor: str) -> str:
    """A moment as UTC text that sorts as the instants do, character by character, and that
    sql.moment() reads back: PostgreSQL's with all six places; SQLite's as it is stored (a
    whole second is the same text without ".ffffff", and sorts first)."""
    if vendor == "postgresql":
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    return column


# How each field's value is written, by the converter the Python reads give it (sql.Fields).
_WORDS: dict[Convert, Word] = {
    as_int: _as_is,
    as_str: _as_is,
    as_money: money_text,
    as_moment: moment_text,
}


@cache
def json_object(fields: Fields, columns: tuple[str, ...], vendor: str) -> str:
    """An SQL expression: the row's `columns` as the JSON text of the schema's object, its
    `fields` (name, converter) in order. A converter without a word here is refused."""
    if len(fields) != len(columns):
        raise ValueError(f"{len(fields)} fields for {len(columns)} columns")
    pairs = []
    for (name, convert), column in zip(fields, columns, strict=True):
        word = _WORDS.get(convert)
        if word is None:
            raise ValueError(f"field {name!r}: its value has no JSON word in SQL")
        pairs.append(f"'{name}', {word(column, vendor)}")
    if vendor == "postgresql":
        return f"CAST(json_build_object({', '.join(pairs)}) AS text)"
    return f"json_object({', '.join(pairs)})"
