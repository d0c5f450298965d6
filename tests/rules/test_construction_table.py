"""Every cell of Clayton's Type of Construction table (Attachment 1 of the August 2010 fee
schedule), read from the source document itself and checked against the pack.

The table is parsed out of shared/seeds/002_*.txt when the tests are collected: one test per
cell, 21 rows × 9 columns. A rate cell is the fee for each 1,000 cubic feet, so a quote for
exactly 1,000 cubic feet has a `volume` line of 1 × the rate. An "NP" cell (not permitted)
must refuse to quote.

The seeds live beside the repository (/work/shared beside /work/main, and the same in CI's
clone). In case they are ever missing, the table is also shipped below, verbatim; when the
seed is present a test checks that this copy still matches it.
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

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
ON = dt.date(2026, 1, 1)
TABLE_HEADING = "GROUP DESCRIPTION"

# A copy of the table, for when the seeds are not beside the repository: document 002's rows
# with the dollar signs dropped, rendered back into the document's tab-separated layout.
SHIPPED_EFFECTIVE = "Effective October 1, 2005"
SHIPPED_COLUMNS = "IA IB IIA IIB IIIA IIIB IV VA VB"
SHIPPED_ROWS = {
    "THEATRE WITH STAGE": "32.96 31.66 30.54 28.10 26.80 25.34 24.36 23.22 NP",
    "MOVIE THEATRE": "34.10 32.96 31.66 30.54 29.72 28.74 28.10 26.80 25.66",
    "DANCE HALL, NIGHT CLUB": "41.42 40.92 40.28 37.84 35.40 32.96 31.66 30.54 29.24",
    "RESTAURANT": "32.96 31.66 30.54 26.80 24.36 21.92 20.78 19.48 18.36",
    "CHURCHES": "32.96 31.66 30.54 28.10 30.04 25.34 24.36 23.22 21.92",
    "SCHOOLS": "37.84 36.54 34.10 31.66 31.02 29.72 29.24 28.10 26.80",
    "COLISEUM, GYM (W/ROOF)": "41.42 40.92 40.28 36.06 35.08 33.46 30.54 29.24 28.10",
    "OFFICE BUILDING": "42.72 40.34 40.28 38.98 37.84 35.40 32.96 30.54 28.10",
    "MUSEUM, LIBRARY, ETC.": "38.98 37.84 36.06 32.16 31.66 30.04 28.26 26.80 25.34",
    "BUILDING FOR DETENTION": "37.84 36.54 34.10 31.66 31.02 29.72 29.24 28.10 NP",
    "HOSPITAL AND CLINICS": "48.72 47.58 43.84 38.98 37.84 35.40 32.96 30.54 NP",
    "STORE": "33.12 31.66 31.18 24.68 23.72 21.28 20.78 19.98 NP",
    "HOTEL/LODGING HOUSE": "50.02 48.72 46.28 40.28 37.84 35.40 32.96 30.54 28.10",
    "APARTMENT HOUSE": "32.04 30.26 30.21 29.24 28.38 26.55 24.72 22.91 21.08",
    "DORMITORY, LODGING HOUSE": "28.38 27.41 25.58 23.75 23.27 22.29 21.93 21.08 20.10",
    "ONE AND TWO FAMILY": "29.24 28.38 26.55 22.91 21.93 20.34 18.27 17.91 17.06",
    "PRIVATE GARAGE/ACCESSORY BUILDING": "10.11 9.14 8.28 6.45 6.45 5.48 5.73 5.12 4.64",
    "GARAGE/AUTO REPAIR": "31.66 30.54 30.54 26.80 25.66 21.92 18.36 13.48 12.18",
    "PARKING STRUCTURE": "28.42 27.28 23.54 21.12 NP NP NP NP NP",
    "FREIGHT TERMINAL W/ DOCK": "40.28 38.98 37.84 34.10 32.96 31.50 30.54 29.24 NP",
    "FACTORY OR WAREHOUSE": "22.74 22.24 21.44 19.48 18.36 15.92 14.62 13.48 12.18",
}


def shipped_copy() -> str:
    lines = ["## TYPE OF CONSTRUCTION", "", SHIPPED_EFFECTIVE, ""]
    lines.append("\t".join([TABLE_HEADING, *SHIPPED_COLUMNS.split()]))
    for label, cells in SHIPPED_ROWS.items():
        rates = [c if c == "NP" else f"\\${c}" for c in cells.split()]
        lines.append("\t".join([label, *rates]))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Table:
    effective: dt.date
    columns: tuple[str, ...]
    rows: dict[str, tuple[str, tuple[Decimal | str, ...]]]  # slug -> (label, cells)


def seed_file() -> Path | None:
    found = sorted(SEEDS.glob("002_*.txt"))
    return found[0] if found else None


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
TABLE = parse_table(SEED.read_text(encoding="utf-8") if SEED else shipped_copy())
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


def test_the_table_was_read_from_the_seed_and_the_shipped_copy_matches_it() -> None:
    if SEED is None:
        pytest.skip(f"no 002_*.txt in {SEEDS}: the cells were checked against the shipped copy")
    assert parse_table(shipped_copy()) == TABLE


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
