"""A checklist row's key and label: the item once for the unit, or per bedroom with its
number; the notice reads a violation's row back from its key."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.rules.checklist import label_of, row_key, row_label

ON = dt.date(2026, 11, 18)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("plumbing", "Plumbing"),
        ("bedroom-area.2", "Bedroom 2: bedroom floor area"),
        ("basement-egress.3", "Bedroom 3: basement bedroom has a window or door to the outside"),
        ("no-such-item", "no-such-item"),  # an item since taken out of the pack reads as itself
        ("bedroom-area.x", "bedroom-area.x"),
    ],
)
def test_a_rows_label_from_its_key(key: str, label: str) -> None:
    assert label_of(get_pack("clayton-mo"), key, ON) == label


def test_key_and_label_of_a_bedrooms_row() -> None:
    assert row_key("bedroom-area", 2) == "bedroom-area.2"
    assert row_key("plumbing", None) == "plumbing"
    assert row_label("Smoke alarm", 1) == "Bedroom 1: smoke alarm"
