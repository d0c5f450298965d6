"""A synthetic county for bench/catch_rate.py: St. Louis County's 94,500 houses, duplexes
and condominiums on invented streets, a year of recorded sales with half the buyers applying
on their own, and the sales export as a county writes it, with the noise real exports have.
Seeded: the same figures on every run."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIRST = [
    "Oak",
    "Maple",
    "Elm",
    "Pine",
    "Cedar",
    "Birch",
    "Walnut",
    "Hickory",
    "Willow",
    "Ash",
    "Spruce",
    "Poplar",
    "Chestnut",
    "Laurel",
    "Magnolia",
    "Sycamore",
    "Juniper",
    "Hawthorn",
    "Aspen",
    "Linden",
    "Cherry",
    "Dogwood",
    "Holly",
    "Ivy",
    "Briar",
    "Fern",
    "Heather",
    "Clover",
    "Meadow",
    "Prairie",
    "River",
    "Lake",
    "Brook",
    "Spring",
    "Forest",
    "Valley",
    "Ridge",
    "Hill",
    "Summit",
    "Stone",
    "Rock",
    "Granite",
    "Marble",
    "Sunset",
    "Sunrise",
    "Harbor",
    "Bay",
    "Bluff",
    "Glen",
    "Dale",
    "Fox",
    "Deer",
    "Hawk",
    "Eagle",
    "Robin",
    "Wren",
    "Cardinal",
    "Lark",
    "Heron",
    "Quail",
]
SECOND = [
    "wood",
    "view",
    "crest",
    "field",
    "dale",
    "brook",
    "side",
    "haven",
    "gate",
    "park",
    "land",
    "shire",
    "ford",
    "mont",
    "ton",
]
TYPES = ("Street", "Avenue", "Road", "Drive", "Lane", "Court", "Boulevard", "Place", "Way")
SHORT = {
    "Street": "St",
    "Avenue": "Ave",
    "Road": "Rd",
    "Drive": "Dr",
    "Lane": "Ln",
    "Court": "Ct",
    "Boulevard": "Blvd",
    "Place": "Pl",
    "Way": "Way",
}
ZIPS = [f"631{n:02d}" for n in range(20, 45)]
COUNTED = (
    ["warranty"] * 40
    + ["special-warranty"] * 4
    + ["quitclaim"] * 3
    + ["trustee", "personal-representative", "beneficiary"]
)
EXEMPT = ["correction", "trust-funding", "spousal", "deed-of-trust"]
# The columns as the documented sample has them (docs/discovery.md, docs/import/sales.csv).
SAMPLE = Path(__file__).resolve().parents[1] / "docs" / "import" / "sales.csv"
HEADER = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")


@dataclass(frozen=True)
class Building:
    parcels: tuple[str, ...]  # one per unit for condominiums; one for a house or duplex
    number: int
    street: tuple[str, str, str]  # direction, name, type
    zip_code: str
    kind: str  # single-family, duplex, condo
    labels: tuple[str, ...]


@dataclass
class County:
    buildings: list[Building] = field(default_factory=list)
    units: int = 0


def county(units: int, rng: random.Random) -> County:
    """Buildings until `units`: 72% houses, 8% duplexes (two units, one parcel), the rest
    condominium buildings of eight units, each unit its own parcel at one address."""
    streets = [
        (rng.choice(["", "", "", "", "N", "S", "E", "W"]), f"{a}{b}".title(), rng.choice(TYPES))
        for a in FIRST
        for b in SECOND
    ]
    rng.shuffle(streets)
    made = County()
    zips = {s: rng.choice(ZIPS) for s in streets}
    n = 0
    while made.units < units:
        street = streets[n % len(streets)]
        number = 100 + 4 * (n // len(streets)) + rng.randint(0, 3)
        roll = rng.random()
        kind, labels = (
            ("single-family", ("",))
            if roll < 0.72
            else ("duplex", ("A", "B"))
            if roll < 0.80
            else ("condo", tuple(str(u) for u in range(1, 9)))
        )
        parcels = tuple(
            f"{20 + n % 30}{chr(65 + n % 26)}{n:06d}{u}"
            for u in range(1 if kind != "condo" else len(labels))
        )
        made.buildings.append(Building(parcels, number, street, zips[street], kind, labels))
        made.units += len(labels)
        n += 1
    return made


def address(b: Building) -> str:
    direction, name, kind = b.street
    return " ".join(p for p in (str(b.number), direction, name, kind) if p)


@dataclass(frozen=True)
class Sale:
    grantee: str  # unique: the key the benchmark finds the record again by
    building: Building
    unit: int  # index into the building's labels; -1: the building sold whole
    recorded: dt.date
    deed: str
    counted: bool
    applies: bool  # the buyer applies on their own, in time
    mailing_elsewhere: bool


def sales(made: County, rng: random.Random, end: dt.date, turnover: float) -> list[Sale]:
    """A year's recorded transfers to `end`: `turnover` of the units sold (a counted deed),
    and exempt transfers besides (4%); half the buyers apply on their own."""
    found: list[Sale] = []
    for b in made.buildings:
        for u, _ in enumerate(b.labels):
            roll = rng.random()
            if roll >= turnover + 0.004:
                continue
            counted = roll < turnover
            whole = b.kind == "duplex"
            if whole and u:
                continue  # a duplex is sold whole, once
            found.append(
                Sale(
                    grantee=f"Buyer {len(found):06d}",
                    building=b,
                    unit=-1 if whole else u,
                    recorded=end - dt.timedelta(days=rng.randint(0, 364)),
                    deed=rng.choice(COUNTED) if counted else rng.choice(EXEMPT),
                    counted=counted,
                    applies=counted and rng.random() < 0.5,
                    mailing_elsewhere=rng.random() < 0.25,
                )
            )
    return found


def _typo(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(text) - 1)
    return (
        text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if rng.random() < 0.5
        else text[:i] + text[i + 1 :]
    )


def _parcel(parcel: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return parcel
    if roll < 0.80:
        return f"{parcel[:3]}-{parcel[3:6]}-{parcel[6:]}".lower() if roll < 0.7 else f"00{parcel}"
    if roll < 0.97:
        return ""  # missing from the export
    return parcel[:-2] + str((int(parcel[-2]) + 1) % 10) + parcel[-1]  # mistyped


def _street(b: Building, rng: random.Random) -> str:
    direction, name, kind = b.street
    spelled = {"N": "North", "S": "South", "E": "East", "W": "West"}.get(direction, "")
    roll = rng.random()
    way = (
        kind
        if roll < 0.4
        else SHORT[kind] + ("." if roll < 0.5 else "")
        if roll < 0.9
        else SHORT[kind].upper()
    )
    d = spelled if direction and rng.random() < 0.5 else direction
    name = _typo(name, rng) if rng.random() < 0.04 else name
    text = " ".join(p for p in (str(b.number), d, name, way) if p)
    return text.upper() if rng.random() < 0.3 else text


def _unit(label: str, rng: random.Random) -> tuple[str, str]:
    """(text added to the address, the unit column): the unit in either, or missing."""
    if not label:
        return "", ""
    roll = rng.random()
    if roll < 0.35:
        return "", label
    if roll < 0.55:
        return f" Apt {label}", ""
    if roll < 0.75:
        return f" #{label}", ""
    if roll < 0.92:
        return "", f"Unit 0{label}"
    return "", ""  # missing


def rows(found: list[Sale], rng: random.Random) -> Iterator[list[str]]:
    for s in found:
        b = s.building
        label = b.labels[s.unit] if s.unit >= 0 else ""
        extra, unit = _unit(label, rng)
        parcel = b.parcels[s.unit if len(b.parcels) > 1 else 0]
        site = address(b)
        mailing = (
            f"{rng.randint(1, 999)} Far Away Ct, Chesterfield, MO 63017"
            if s.mailing_elsewhere
            else site
        )
        yield [
            _parcel(parcel, rng),
            _street(b, rng) + extra,
            unit,
            s.recorded.isoformat(),
            s.deed,
            "Seller",
            s.grantee,
            str(rng.randint(90, 900) * 1000),
            mailing,
            b.zip_code if rng.random() < 0.9 else "",
            "",
        ]


def write(path: Path, found: list[Sale], rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerows(rows(found, rng))
