"""Names from outside the core fonts' character set print as their nearest letters."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.documents.layout import Sheet, pdf_bytes
from permitdesk.documents.text import printable
from tests.documents.pdf import text


@pytest.mark.parametrize(
    ("given", "printed"),
    [
        ("Zoë Łukasz 李", "Zoë Lukasz ?"),  # ë is Latin-1; Ł has no decomposition; 李 no form
        ("Dvořák Ørsted", "Dvorák Ørsted"),  # ř decomposes; á and Ø are Latin-1
        ("ﬁeld — “quoted”", "field — “quoted”"),  # a ligature; Windows-1252 punctuation
        ("Nguyễn Thị", "Nguyen Thi"),
        ("", ""),
    ],
)
def test_printable_keeps_what_prints_and_brings_the_rest_into_the_set(
    given: str, printed: str
) -> None:
    assert printable(given) == printed


def test_every_character_printable_returns_encodes_in_windows_1252() -> None:
    sample = "".join(chr(c) for c in range(32, 0x3000))
    printable(sample).encode("windows-1252")


def test_a_sheet_prints_a_name_outside_latin_1_without_crashing() -> None:
    moment = dt.datetime(2026, 11, 18, 11, 0, tzinfo=dt.UTC)
    sheet = Sheet(
        jurisdiction="Łódź County", title="Occupancy Permit", reference="X-1", dated=moment
    )
    sheet.add_page()
    sheet.field("Occupant", "Zoë Łukasz 李")
    sheet.grid(["Name"], [["Zoë Łukasz 李"]], [80.0])
    printed = text(pdf_bytes(sheet))
    assert "Zoë Lukasz ?" in printed
    assert "LÓDZ COUNTY" in printed  # the header upper-cases the name
