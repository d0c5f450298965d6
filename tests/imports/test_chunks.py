"""A file longer than a chunk: a real run writes chunk by chunk in one transaction, so a bad
row in a later chunk undoes the earlier chunks' writes, and a later chunk sees the earlier
ones (two permits in force on one unit, a chunk apart, are refused)."""

from __future__ import annotations

import pytest

from permitdesk.imports import pipeline
from permitdesk.imports.pipeline import Report
from tests.imports.conftest import Importer
from tests.writes import writes_nothing

pytestmark = pytest.mark.django_db

PROPERTIES = "jurisdiction,parcel_id,address,city,state\n"
PERMITS = "jurisdiction,number,parcel_id,unit_label,issued_on\n"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "CHUNK", 2)


def test_a_bad_row_in_a_later_chunk_undoes_the_earlier_chunks(importer: Importer) -> None:
    rows = "".join(f"clayton-mo,N-{n},{n} Elm,Clayton,MO\n" for n in range(5))
    with writes_nothing():
        report = importer("properties", PROPERTIES + rows + "clayton-mo,N-9,9 Elm,Clayton,M0\n")
    assert (report.read, report.created, report.refused, report.written) == (6, 5, 1, False)
    assert [str(p) for p in report.problems] == [
        "line 7, column state: state is 'M0'; a two-letter code such as MO"
    ]


def test_a_later_chunk_sees_the_permit_an_earlier_chunk_wrote(
    samples: dict[str, Report], importer: Importer
) -> None:
    rows = (
        "clayton-mo,CM-1,19J410033,,2025-03-01\n"
        "clayton-mo,CM-2,18K320221,2B,2025-03-01\n"
        "clayton-mo,CM-3,19J410033,,2025-04-01\n"
    )
    with writes_nothing():
        report = importer("permits", PERMITS + rows)
    assert [str(p) for p in report.problems] == [
        "line 4, column number: the unit already has permit CM-1 in force: never two in force "
        "on one unit"
    ]


def test_every_chunk_of_a_good_file_is_written(importer: Importer) -> None:
    rows = "".join(f"clayton-mo,N-{n},{n} Elm,Clayton,MO\n" for n in range(5))
    report = importer("properties", PROPERTIES + rows)
    assert (report.read, report.created, report.written) == (5, 5, True)
