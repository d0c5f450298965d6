"""Each hand-written read declared once, as a table: field -> SQL expression -> converter,
beside the ninja schema whose document it answers. The statement's columns and the document's
fields both come from the table, and `mismatches` holds the table to its schema: a system
check (permitdesk.api.apps) runs it at start-up, so a field added to a schema without a
column (or a column left behind by a field removed) stops `manage.py check`, the test run and
the server, before any request is answered with a document missing a field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ninja import Schema

from permitdesk.api.reads.sql import Convert, Fields


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


def table(*columns: tuple[str, str, Convert]) -> tuple[Column, ...]:
    return tuple(Column(*column) for column in columns)


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
