"""The facts every jurisdiction's eligibility rules speak in.

Fee items declare their own facts in their pack; eligibility is asked the same questions in
every jurisdiction ("what happens, to what kind of unit"), so its vocabulary lives here, once.
`unit_class` and `approval_current` are derived by the rules, never given.
"""

from __future__ import annotations

from permitdesk.law.schema import FactSpec

UNIT_TYPES = ["single-family", "duplex", "condo", "apartment", "mobile-home"]
EVENTS = [
    "sale",
    "lease",
    "change-of-occupancy",
    "new-occupant",
    "new-construction",
    "commercial-use",
    # Clayton's prior-to-sale sentence (002): to "sell, transfer, mortgage, lease or otherwise
    # dispose of" a structure "to another": the building changing hands other than by a sale,
    # not a tenant's lease of one unit (that is `lease`).
    "transfer",
]

ELIGIBILITY_FACTS: dict[str, FactSpec] = {
    "event": FactSpec(type="choice", choices=EVENTS, description="what happens at the unit"),
    "unit_type": FactSpec(type="choice", choices=UNIT_TYPES, description="kind of dwelling unit"),
    "units_in_building": FactSpec(
        type="integer",
        minimum=1,
        description="dwelling units in the building (1 for a house, 2 for a duplex, ...)",
    ),
    "use": FactSpec(
        type="choice",
        choices=["residential", "commercial", "mixed"],
        default="residential",
        description="use of the structure; mixed = a commercial structure containing residences",
    ),
    "rental": FactSpec(
        type="bool",
        description=(
            "the unit is rented or leased (yes for a lease; no for a sale, new"
            " construction or commercial use unless given)"
        ),
    ),
    "new_unit": FactSpec(
        type="bool", default=False, description="newly constructed, never occupied before"
    ),
    "approved_on": FactSpec(
        type="date", description="date of the unit's last approved occupancy inspection, if any"
    ),
}

DERIVED_FACTS: dict[str, FactSpec] = {
    "unit_class": FactSpec(
        type="choice",
        choices=["type-i", "type-ii"],
        description="Type I or Type II unit, as the village ordinance defines them",
    ),
    "approval_current": FactSpec(
        type="bool",
        description="approved_on is within the jurisdiction's approval validity on the event date",
    ),
}

# Who a person is to a property (records.Relation's kinds): what the packs' who-may-apply
# terms name. "owner" is the owner of record; a managing agent acts on the owner's
# authorisation; a buyer holds a sales contract; a tenant a lease.
RELATION_KINDS = ["owner", "managing-agent", "buyer", "tenant"]
