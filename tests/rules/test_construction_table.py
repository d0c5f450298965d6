"""Every cell of Clayton's Type of Construction table (Attachment 1 of the August 2010 fee
schedule), read from the source document itself and checked against the pack.

The table is parsed out of docs/sources/002_*.txt (the project's copy of the seed) when the
tests are collected: one test per cell, 21 rows × 9 columns. A rate cell is the fee for each
1,000 cubic feet, so a quote for exactly 1,000 cubic feet has a `volume` line of 1 × the rate.
An "NP" cell (not permitted) must refuse to quote.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.rules.quote import NotPermitted, Quote, quote

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
ON = dt.date(2026, 1, 1)
TABLE_HEADING = "GROUP DESCRIPTION"


@dataclass(frozen=True)
class Table:
    effective: dt.date
    columns: tuple[str, ...]
    rows: dict[str, tuple[str, tuple[Decimal | str, ...]]]  # slug -> (label, cells)


def seed_file() -> Path:
    (found,) = SOURCES.glob("002_*.txt")
    return found


def row_slug(label: str) -> str:
    """'COLISEUM, GYM (W/ROOF)' -> 'coliseum-gym-with-roof'."""
    text = label.replace("W/", "with ").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def cell(text: str) -> Decimal | str:
    text = text.strip()
    if text == "NP":
        return "NP"
    return Decimal(text.replace("\\$", "").replace("$", "").replace(",", ""))


def parse_table(text: str) -> Table:
    """The Type of Construction table: the heading line, then one line per group, tab-separated."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(TABLE_HEADING))
    columns = tuple(c.strip() for c in lines[start].split("\t")[1:])
    rows: dict[str, tuple[str, tuple[Decimal | str, ...]]] = {}
    for ln in lines[start + 1 :]:
        if not ln.strip():
            break
        label, *cells = ln.split("\t")
        rows[row_slug(label.strip())] = (label.strip(), tuple(cell(c) for c in cells))
    heading = text[: text.index(TABLE_HEADING)]
    month, day, year = re.findall(r"Effective (\w+) (\d{1,2}), (\d{4})", heading)[-1]
    effective = dt.date(int(year), list(calendar.month_name).index(month), int(day))
    return Table(effective=effective, columns=columns, rows=rows)


SEED = seed_file()
TABLE = parse_table(SEED.read_text(encoding="utf-8"))
CELLS = [
    pytest.param(slug, column, rates[i], id=f"{slug}-{column}")
    for slug, (_, rates) in TABLE.rows.items()
    for i, column in enumerate(TABLE.columns)
]


def quote_1000_cuft(group: str, column: str) -> Quote:
    return quote(
        get_pack("clayton-mo"),
        "building-permit-new-other",
        {"occupancy_group": group, "construction_class": column, "volume_cuft": 1000},
        ON,
    )


def test_the_document_table_has_21_groups_and_9_types_of_construction() -> None:
    assert len(TABLE.rows) == 21
    assert TABLE.columns == ("IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IV", "VA", "VB")
    assert all(len(rates) == 9 for _, rates in TABLE.rows.values())
    assert len(CELLS) == 21 * 9


def test_row_slugs_follow_the_labels() -> None:
    assert row_slug("COLISEUM, GYM (W/ROOF)") == "coliseum-gym-with-roof"
    assert row_slug("FREIGHT TERMINAL W/ DOCK") == "freight-terminal-with-dock"
    assert row_slug("MUSEUM, LIBRARY, ETC.") == "museum-library-etc"


def test_the_pack_offers_exactly_the_groups_of_the_document() -> None:
    facts = get_pack("clayton-mo").fees.items["building-permit-new-other"].facts
    assert set(facts["occupancy_group"].choices or []) == set(TABLE.rows)
    assert list(facts["construction_class"].choices or []) == list(TABLE.columns)


def test_each_volume_line_carries_the_tables_own_effective_date() -> None:
    # "TYPE OF CONSTRUCTION  Effective October 1, 2005"
    q = quote_1000_cuft("movie-theatre", "IA")
    volume = next(ln for ln in q.lines if ln.id == "volume")
    assert volume.effective == TABLE.effective == dt.date(2005, 10, 1)


@pytest.mark.parametrize(("group", "column", "expected"), CELLS)
def test_each_cell_of_the_type_of_construction_table_prices_1000_cubic_feet(
    group: str, column: str, expected: Decimal | str
) -> None:
    if expected == "NP":
        # NP: the group may not be built in this type of construction
        with pytest.raises(NotPermitted, match="not permitted"):
            quote_1000_cuft(group, column)
        return
    q = quote_1000_cuft(group, column)
    volume = next(ln for ln in q.lines if ln.id == "volume")
    assert volume.rate == expected
    assert volume.amount == expected  # 1 × the cell's rate per 1,000 cubic feet
