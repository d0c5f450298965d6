"""Type I and Type II units, as the village ordinance defines them (Ord. No. 08-457 §1.B.5).

Type I: a single-family unit in a building of one unit, each unit in a building of two units
(a duplex), and every condominium unit. Type II: every other unit, e.g. apartments in
buildings of three or more units. The thresholds are pack values; the logic is here.
"""

from __future__ import annotations

import datetime as dt

from permitdesk.law.pack import Pack
from permitdesk.rules.facts import FactError

# A unit type that fixes how many units its building has, when the facts do not say.
UNITS_IMPLIED = {"single-family": 1, "mobile-home": 1, "duplex": 2}


def unit_class(pack: Pack, unit_type: str, units_in_building: int | None, on: dt.date) -> str:
    """'type-i' or 'type-ii' for a unit of `unit_type` in a building of `units_in_building`."""
    if unit_type == "condo" and pack.term("condominium_units_are_type_i", on) is True:
        return "type-i"
    units = units_in_building if units_in_building is not None else UNITS_IMPLIED.get(unit_type)
    if units is None:
        raise FactError(
            "units_in_building",
            f"units_in_building is needed to class a {unit_type} unit as Type I or Type II",
        )
    limit = pack.count("type_i_max_units_in_building", on)
    return "type-i" if units <= limit else "type-ii"
