"""The times of an AM, PM or any-time inspection window: the pack's, or the default."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from permitdesk.exports.ical import DEFAULT_WINDOWS, window_times
from permitdesk.law.pack import Pack
from permitdesk.law.schema import Citation, Term, TermVersion

ON = dt.date(2026, 11, 18)
T = dt.time.fromisoformat


@pytest.mark.parametrize(
    ("window", "start", "end"),
    [("am", "08:00", "12:00"), ("pm", "12:00", "16:00"), ("any", "08:00", "16:00")],
)
def test_a_pack_without_window_terms_has_the_default_hours(
    clayton: Pack, window: str, start: str, end: str
) -> None:
    assert not clayton.has_term("inspection_window_am")
    assert window_times(clayton, window, ON) == (T(start), T(end))


def test_the_default_windows_meet_at_noon() -> None:
    assert DEFAULT_WINDOWS["am"][1] == DEFAULT_WINDOWS["pm"][0] == dt.time(12)


def _with_windows(pack: Pack, am: list[str], pm: list[str]) -> Pack:
    def term(value: list[str]) -> Term:
        version = TermVersion(
            effective=dt.date(2000, 1, 1),
            citation=Citation(doc="clayton-occupancy-process", section="test"),
            value=value,
        )
        return Term(description="an inspection window", unit="list", values=[version])

    terms = {
        **pack.terms,
        "inspection_window_am": term(am),
        "inspection_window_pm": term(pm),
    }
    return dataclasses.replace(pack, terms=terms)


@pytest.mark.parametrize(
    ("window", "start", "end"),
    [("am", "07:30", "11:30"), ("pm", "12:30", "15:30"), ("any", "07:30", "15:30")],
)
def test_a_pack_that_defines_its_windows_is_followed(
    clayton: Pack, window: str, start: str, end: str
) -> None:
    pack = _with_windows(clayton, ["07:30", "11:30"], ["12:30", "15:30"])
    assert window_times(pack, window, ON) == (T(start), T(end))
