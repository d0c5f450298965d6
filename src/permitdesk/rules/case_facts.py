"""The facts a case gives the rules: one mapping from a case file (its unit, its trigger, whether
the unit is occupied) to the facts of its fee item and of eligibility.

The estimator asks the applicant for a fee item's facts; a case knows them from its file. Both
roads lead to the same quote() because the case's facts are made here, once, for the service
that files the case, the re-quote of a later visit and the pack check that every REQUIRED
obligation can be filed (rules/fileable.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from permitdesk.law.schema import FeeItem
from permitdesk.rules.facts import FactValue

# The triggers that put a tenant or occupant in the unit: a rental, for eligibility. A sale,
# a transfer of the building and a commercial use are not, unless a pack says otherwise.
RENTAL_TRIGGERS = frozenset({"lease", "change-of-occupancy", "new-occupant", "new-construction"})


@dataclass(frozen=True)
class CaseFile:
    """What a case file says of its unit and its event."""

    unit_type: str
    units_in_building: int
    new_construction: bool
    trigger: str
    occupied: bool = False
    inspections: int | None = None  # for a re-quote after a visit


_FEE_FACTS: dict[str, Callable[[CaseFile], FactValue | None]] = {
    "unit_type": lambda case: case.unit_type,
    "occupied": lambda case: case.occupied,
    # Clayton's prior-to-sale fee is per unit of the structure.
    "units": lambda case: case.units_in_building,
    # Clayton: "New Construction - 1st Tenancy is included in Building Permit Fee" (002); a
    # case filed for the event new-construction is that first tenancy.
    "new_construction_first_tenancy": lambda case: case.trigger == "new-construction",
    "inspections": lambda case: case.inspections,
}

CASE_FEE_FACTS = frozenset(_FEE_FACTS)


def fee_facts(item: FeeItem, case: CaseFile) -> dict[str, FactValue]:
    """The facts of `item` that the case file gives; a fact it does not give keeps the item's
    default (rules/fileable.py checks that no case program needs one that has none)."""
    facts: dict[str, FactValue] = {}
    for name in item.facts:
        read = _FEE_FACTS.get(name)
        value = read(case) if read is not None else None
        if value is not None:
            facts[name] = value
    return facts


def eligibility_facts(case: CaseFile) -> dict[str, FactValue]:
    """The eligibility facts of the case file: what happens, to what kind of unit."""
    return {
        "event": case.trigger,
        "unit_type": case.unit_type,
        "units_in_building": case.units_in_building,
        "new_unit": case.new_construction,
        "rental": case.trigger in RENTAL_TRIGGERS,
    }
