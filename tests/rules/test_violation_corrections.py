"""A violation's severity sets the date to correct it by: the pack's days (the division's
choice where the documents set none, and the pack says so), counted as the pack counts
periods; a severity the pack does not define is refused by name."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import UnknownName
from permitdesk.rules.violations import correction

SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]
NOTICED = dt.date(2026, 11, 18)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_pack_names_its_severities_as_the_divisions_choice(slug: str) -> None:
    pack = get_pack(slug)
    levels = pack.severities(NOTICED)
    assert list(levels) == ["hazard", "major", "minor"]
    for level in levels.values():
        assert level.note is not None
        assert "division's choice" in level.note
        assert level.citation.doc in pack.jurisdiction.sources


@pytest.mark.parametrize(
    ("severity", "days", "by"),
    [
        ("hazard", 1, dt.date(2026, 11, 19)),  # exclude-start: the day after
        ("major", 14, dt.date(2026, 12, 2)),  # 18 + 14 = 32 - 30 (November) = December 2
        ("minor", 30, dt.date(2026, 12, 18)),
    ],
)
def test_a_severity_sets_its_correction_date(severity: str, days: int, by: dt.date) -> None:
    found = correction(get_pack("clayton-mo"), severity, NOTICED)
    assert (found.days, found.correct_by) == (days, by)
    assert "3. Inspection Performed" in found.citation


def test_the_village_cites_the_ordinances_specified_time() -> None:
    found = correction(get_pack("village-ord-08-457"), "major", NOTICED)
    assert "correct the deficiencies within a specified time" in found.citation


def test_a_severity_the_pack_does_not_define_is_refused_by_name() -> None:
    with pytest.raises(UnknownName, match="'urgent' is not one of: hazard, major, minor"):
        correction(get_pack("clayton-mo"), "urgent", NOTICED)
