"""occupancy(): how many may live in a unit, from its bedrooms, and which bedrooms qualify.

A bedroom qualifies when its floor area reaches the pack's minimum, it has a smoke alarm
where the pack requires one in bedrooms, and, in a basement, an egress opening of at least
the pack's area. Each qualifying bedroom holds one occupant per `bedroom_area_per_occupant_sqft`.
A jurisdiction whose documents set no bedroom standard has no limit to report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from permitdesk.law.pack import Pack

ZERO = Decimal(0)


@dataclass(frozen=True)
class Bedroom:
    area_sqft: Decimal
    smoke_alarm: bool = True
    basement: bool = False
    egress_opening_sqft: Decimal | None = None  # total opening of the window or door outside


@dataclass(frozen=True)
class BedroomFinding:
    number: int  # 1-based, in the order given
    qualifies: bool
    occupants: int
    reasons: tuple[str, ...]  # each rule that failed, or why it qualifies


@dataclass(frozen=True)
class AlarmFinding:
    location: str
    present: bool | None  # None: not told
    required: bool


@dataclass(frozen=True)
class Occupancy:
    jurisdiction: str
    on: dt.date
    max_occupants: int | None  # None: the jurisdiction sets no bedroom standard
    bedrooms: tuple[BedroomFinding, ...]
    smoke_alarms: tuple[AlarmFinding, ...]
    passes_smoke_alarms: bool | None
    rule: str
    citations: tuple[str, ...]


def _sqft(pack: Pack, name: str, on: dt.date) -> Decimal:
    return pack.amount(name, on)


def _bedroom(pack: Pack, number: int, room: Bedroom, on: dt.date, alarms: bool) -> BedroomFinding:
    if room.area_sqft < ZERO:
        raise ValueError(f"bedroom {number}: area_sqft must be zero or more, not {room.area_sqft}")
    minimum = _sqft(pack, "bedroom_min_area_sqft", on)
    per_occupant = _sqft(pack, "bedroom_area_per_occupant_sqft", on)
    problems: list[str] = []
    if room.area_sqft < minimum:
        problems.append(f"{room.area_sqft} sq ft is under the {minimum} sq ft a bedroom needs")
    if alarms and not room.smoke_alarm:
        problems.append("no smoke alarm in the bedroom")
    if room.basement:
        egress = _sqft(pack, "basement_bedroom_egress_min_sqft", on)
        opening = room.egress_opening_sqft
        if opening is None or opening < egress:
            shown = (
                "no egress opening" if opening is None else f"an egress opening of {opening} sq ft"
            )
            problems.append(
                f"basement bedroom with {shown}; it needs {egress} sq ft to the outside"
            )
    if problems:
        return BedroomFinding(number, False, 0, tuple(problems))
    occupants = int((room.area_sqft / per_occupant).to_integral_value(rounding=ROUND_FLOOR))
    why = f"{room.area_sqft} sq ft ÷ {per_occupant} sq ft per occupant = {occupants}"
    return BedroomFinding(number, True, occupants, (why,))


def occupancy(
    pack: Pack,
    bedrooms: Sequence[Bedroom],
    on: dt.date,
    hallway_alarms: bool | None = None,
    livable_area_alarms: bool | None = None,
) -> Occupancy:
    """The most occupants the unit's bedrooms allow in `pack` on `on`, with the rules used."""
    if not pack.has_term("bedroom_min_area_sqft"):
        return Occupancy(
            jurisdiction=pack.slug,
            on=on,
            max_occupants=None,
            bedrooms=(),
            smoke_alarms=(),
            passes_smoke_alarms=None,
            rule=f"The documents of {pack.name} set no bedroom or occupant-count standard.",
            citations=(),
        )
    has_alarm_rule = pack.has_term("smoke_alarm_locations")
    locations = pack.names("smoke_alarm_locations", on) if has_alarm_rule else []
    findings = tuple(
        _bedroom(pack, i, room, on, "bedrooms" in locations) for i, room in enumerate(bedrooms, 1)
    )
    alarms = (
        AlarmFinding("bedrooms", all(b.smoke_alarm for b in bedrooms), "bedrooms" in locations),
        AlarmFinding("hallways-to-bedrooms", hallway_alarms, "hallways-to-bedrooms" in locations),
        AlarmFinding("livable-areas", livable_area_alarms, "livable-areas" in locations),
    )
    required = [a for a in alarms if a.required]
    passes = None if any(a.present is None for a in required) else all(a.present for a in required)
    names = ["bedroom_min_area_sqft", "bedroom_area_per_occupant_sqft", "smoke_alarm_locations"]
    names += ["basement_bedroom_egress_min_sqft"] if any(b.basement for b in bedrooms) else []
    citations = tuple(
        dict.fromkeys(
            pack.cite(pack.term_version(n, on).citation) for n in names if pack.has_term(n)
        )
    )
    per = _sqft(pack, "bedroom_area_per_occupant_sqft", on)
    return Occupancy(
        jurisdiction=pack.slug,
        on=on,
        max_occupants=sum(b.occupants for b in findings),
        bedrooms=findings,
        smoke_alarms=alarms,
        passes_smoke_alarms=passes,
        rule=(
            f"Each qualifying bedroom holds one occupant per {per} sq ft; a bedroom qualifies at "
            f"{_sqft(pack, 'bedroom_min_area_sqft', on)} sq ft with a smoke alarm, and in a "
            "basement only with an egress opening to the outside."
        ),
        citations=citations,
    )
