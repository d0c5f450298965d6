"""Each hand-written read is a table of field -> SQL expression -> converter, held to its
ninja schema at start-up by a system check: the shipped tables match, and a table missing a
field, with a field the schema lacks, or with a field twice stops `manage.py check`."""

from __future__ import annotations

import dataclasses

import pytest
from django.core import checks

from permitdesk.api.apps import reads_match_schemas
from permitdesk.api.reads import cases, lists
from permitdesk.api.reads.tables import Read, columns, mismatches
from permitdesk.api.schemas.occupancy import VisitorOut


def test_every_shipped_read_matches_its_schema() -> None:
    assert reads_match_schemas() == []
    assert {read.schema.__name__ for read in (*cases.READS, *lists.PAGE_ITEMS)} >= {
        "ApplicationOut",
        "ApplicationBrief",
        "QueueItem",
        "FeeLineOut",
        "InspectionOut",
        "ViolationOut",
    }


def test_a_row_with_an_unknown_converter_is_refused_by_its_words() -> None:
    with pytest.raises(ValueError, match=r"one of int, int\?, str.*not 'left_on s.left_on day'"):
        columns("left_on s.left_on day")


def test_the_check_runs_with_djangos_system_checks() -> None:
    assert reads_match_schemas in checks.registry.registry.get_checks()


def test_a_schema_field_without_a_column_is_found() -> None:
    short = dataclasses.replace(cases.VISITORS, columns=cases.VISITORS.columns[:-1])
    assert mismatches(short) == ["VisitorOut.left_on has no column in its read"]


def test_a_column_the_schema_lacks_is_found_unless_declared_extra() -> None:
    more = columns("room  s.room  str")
    wider = dataclasses.replace(cases.VISITORS, columns=cases.VISITORS.columns + more)
    assert mismatches(wider) == ["VisitorOut has no field 'room' for the read's column"]
    declared = dataclasses.replace(wider, extra=frozenset({"room"}))
    assert mismatches(declared) == []


def test_a_column_read_twice_is_found() -> None:
    twice = Read(
        VisitorOut,
        columns(
            """
            id          s.id          int
            id          s.id          int
            name        s.name        str
            arrived_on  s.arrived_on  date
            left_on     s.left_on     date?
            """
        ),
    )
    assert mismatches(twice) == ["VisitorOut: the read has the column 'id' twice"]


def test_a_mismatch_fails_the_system_check(monkeypatch: pytest.MonkeyPatch) -> None:
    short = dataclasses.replace(cases.APPROVAL, columns=cases.APPROVAL.columns[:1])
    monkeypatch.setattr(cases, "READS", (*cases.READS[:-1], short))
    found = checks.run_checks()
    assert [(m.id, m.msg) for m in found if m.id == "api.E001"] == [
        ("api.E001", "ApprovalOut.valid_through has no column in its read")
    ]
