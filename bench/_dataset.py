"""What the bench data set holds: the four jurisdictions, a county's status mix, invented
streets and people, and each program's fee lines, quoted once per kind of unit with the real
rules (as submitting a case would)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from _tables import copy_text
from permitdesk.law.loader import get_pack
from permitdesk.rules.quote import quote

SLUGS = ("clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457")
# Each program's occupancy fee item, and where the jurisdiction's cases are.
FEE_ITEM = {
    "clayton-mo": "residential-occupancy",
    "st-clair-county-il": "occupancy-inspection",
    "st-louis-county-mo": "re-occupancy-permit",
    "village-ord-08-457": "occupancy-permit",
}
PLACE = {
    "clayton-mo": ("Clayton", "MO", "63105"),
    "st-clair-county-il": ("Belleville", "IL", "62220"),
    "st-louis-county-mo": ("St. Louis", "MO", "63128"),
    "village-ord-08-457": ("Village", "MO", "63130"),
}
INSPECTORS_PER_JURISDICTION = 5
NOW = dt.date(2026, 11, 20)  # the data set's "today", fixed so runs compare
DAY0 = dt.date(2018, 1, 1)
TOKEN_PREFIX = "pd-bench-"  # user N's API token is TOKEN_PREFIX + N (only digests are stored)

STATUS_MIX: tuple[tuple[str, float, int, int], ...] = (
    ("submitted", 5, 0, 20),
    ("inspection-requested", 5, 3, 45),
    ("failed", 4, 10, 120),
    ("approved", 6, 10, 190),
    ("conditional", 1, 30, 240),
    ("issued", 40, 30, 1100),
    ("ended", 30, 365, 3000),
    ("lapsed", 4, 200, 3000),
    ("withdrawn", 5, 5, 3000),
)
UNIT_TYPES = ("single-family", "duplex", "condo", "apartment", "mobile-home")
# What each program prices; a unit of another type is quoted as the nearest one it does.
PRICED_AS = {
    "clayton-mo": {"mobile-home": "single-family"},
    "st-louis-county-mo": {"apartment": "condo", "mobile-home": "single-family"},
}
STREETS = (
    "N Central Ave", "Forsyth Blvd", "Maryland Ave", "Wydown Blvd", "Bonhomme Ave",
    "Carondelet Ave", "Hanley Rd", "Brentwood Blvd", "Main St", "Oak St", "Elm St",
    "Lincoln Ave", "Washington St", "Park Ave", "Lake Dr", "Gravois Rd", "Lemay Ferry Rd",
    "Tesson Ferry Rd", "Mackenzie Rd", "Big Bend Blvd", "Manchester Rd", "Olive Blvd",
    "Lindbergh Blvd", "Telegraph Rd", "Union Rd", "Butler Hill Rd", "Baptist Church Rd",
    "Sappington Rd", "Watson Rd", "Heege Rd",
)  # fmt: skip
FIRST = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
    "Sarah", "Carlos", "Karen", "Ana", "Daniel", "Maria", "Kevin", "Aisha", "Wei", "Fatima",
)  # fmt: skip
LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Nguyen", "Thompson", "White", "Harris", "Clark", "Lewis",
)  # fmt: skip
VIOLATIONS = (
    ("IPMC 704.2", "Smoke alarm missing in hallway", "Install a smoke alarm outside bedrooms"),
    ("IPMC 605.1", "Open electrical junction box", "Cover the junction box"),
    ("IPMC 304.13", "Broken window pane", "Replace the glazing"),
    ("IPMC 504.1", "Leaking kitchen faucet", "Repair the faucet"),
    ("IPMC 702.1", "Blocked means of egress", "Clear the exit path"),
    ("IPMC 603.1", "Water heater without relief valve discharge pipe", "Install the pipe"),
)
RELATIONSHIPS = ("head", "spouse", "child", "child", "parent", "roommate")
METHODS = ("check", "card", "cash", "money-order")
WINDOWS = ("am", "pm", "any")


@dataclass(frozen=True)
class Line:
    fee_item: str
    line_id: str
    label: str
    kind: str
    amount: Decimal
    basis: str
    citation: str


def _quote_lines(slug: str, item: str, facts: dict[str, object]) -> tuple[Line, ...]:
    pack = get_pack(slug)
    q = quote(pack, item, facts, NOW)
    return tuple(
        Line(
            q.item,
            ln.id,
            copy_text(ln.label),
            ln.kind,
            ln.amount,
            copy_text(ln.basis),
            copy_text(ln.citation),
        )
        for ln in q.lines
    )


@dataclass(frozen=True)
class Fees:
    """The first assessment per (unit type, occupied) and the re-inspection charge, if any."""

    first: dict[tuple[int, bool], tuple[Line, ...]]
    again: tuple[Line, ...]


def quoted_fees(slug: str) -> Fees:
    """Quote each program once per kind of unit with the real rules, as submitting would."""
    item = FEE_ITEM[slug]
    facts = get_pack(slug).item(item).facts
    first: dict[tuple[int, bool], tuple[Line, ...]] = {}
    for code, unit_type in enumerate(UNIT_TYPES):
        for occupied in (False, True):
            given: dict[str, object] = {}
            if "unit_type" in facts:
                given["unit_type"] = PRICED_AS.get(slug, {}).get(unit_type, unit_type)
            if "occupied" in facts:
                given["occupied"] = occupied
            first[code, occupied] = _quote_lines(slug, item, given)
    again: tuple[Line, ...] = ()
    if slug == "st-clair-county-il":
        again = _quote_lines(slug, "re-inspection", {})
    elif slug == "clayton-mo":  # a second inspection is charged again (the services' rule)
        again = tuple(
            Line(ln.fee_item, ln.line_id, f"{ln.label} (inspection 2)", *_rest(ln))
            for ln in first[0, False]
        )
    return Fees(first, again)


def _rest(ln: Line) -> tuple[str, Decimal, str, str]:
    return ln.kind, ln.amount, ln.basis, ln.citation
