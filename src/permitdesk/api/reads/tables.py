"""Each hand-written read declared once, as a table: field -> SQL expression -> converter,
one row a line, beside the ninja schema whose document it answers:

    id            t.id               int
    ends_on       t.ends_on          date?

The converters are permitdesk.api.reads.sql's, by the words of CONVERTERS ("?": or null).
The statement's columns and the document's fields both come from the table, and
`mismatches` holds the table to its schema: a system check (permitdesk.api.apps) runs it at
start-up, so a field added to a schema without a column (or a column left behind by a field
removed) stops `manage.py check`, the test run and the server, before any request is
answered with a document missing a field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ninja import Schema

from permitdesk.api.reads.sql import (
    Convert,
    Fields,
    as_bool,
    as_date,
    as_date_or_none,
    as_int,
    as_int_or_none,
    as_json,
    as_moment,
    as_moment_or_none,
    as_money,
    as_str,
)

CONVERTERS: dict[str, Convert] = {
    "int": as_int,
    "int?": as_int_or_none,
    "str": as_str,
    "bool": as_bool,
    "money": as_money,
    "moment": as_moment,
    "moment?": as_moment_or_none,
    "date": as_date,
    "date?": as_date_or_none,
    "json": as_json,
}


@dataclass(frozen=True)
class Column:
    field: str
    sql: str  # an SQL expression on the statement's aliases
    convert: Convert


@dataclass(frozen=True)
class Read:
    """A read's columns for `schema`. `extra`: fields read that the schema does not have
    (a violation's inspection, to nest it); `filled`: schema fields the read fills otherwise
    (a nested list, a total); `source`: a list's FROM and WHERE; `order`: its one ordering
    (the selector's, permitdesk.cases.selectors.case_file.LIST_ORDERS)."""

    schema: type[Schema]
    columns: tuple[Column, ...]
    extra: frozenset[str] = field(default_factory=frozenset)
    filled: frozenset[str] = field(default_factory=frozenset)
    source: str = ""
    order: tuple[str, ...] = ()

    @property
    def fields(self) -> Fields:
        return tuple((c.field, c.convert) for c in self.columns)

    @property
    def reads(self) -> tuple[str, ...]:
        return tuple(c.sql for c in self.columns)


def columns(rows: str) -> tuple[Column, ...]:
    """The rows of a table: each line a field, its SQL expression and its converter's word
    (an expression may not hold spaces); blank lines are passed over."""
    found = []
    for line in rows.strip().splitlines():
        words = line.split()
        if len(words) != 3 or words[2] not in CONVERTERS:
            raise ValueError(
                f"a read's row is 'field expression converter', the converter one of "
                f"{', '.join(CONVERTERS)}; not {line.strip()!r}"
            )
        name, sql, convert = words
        found.append(Column(name, sql, CONVERTERS[convert]))
    return tuple(found)


def mismatches(read: Read) -> list[str]:
    """What does not match between the read and its schema: each schema field neither read nor
    filled, and each column or filled name the schema does not have (and is not `extra`)."""
    wanted = set(read.schema.model_fields)
    named = [c.field for c in read.columns]
    given = set(named) | read.filled
    found = [
        f"{read.schema.__name__}.{name} has no column in its read"
        for name in sorted(wanted - given)
    ]
    found += [
        f"{read.schema.__name__} has no field {name!r} for the read's column"
        for name in sorted(given - wanted - read.extra)
    ]
    found += [
        f"{read.schema.__name__}: the read has the column {name!r} twice"
        for name in sorted({n for n in named if named.count(n) > 1})
    ]
    return found


def all_mismatches(reads: Iterable[Read]) -> list[str]:
    return [problem for read in reads for problem in mismatches(read)]
