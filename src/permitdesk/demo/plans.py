"""What the demo builds in each jurisdiction: properties, units and bedrooms, and one case per
status, each walked to its status through the services at past moments.

The streets, parcels and people are invented. The moments are wall-clock times in the
jurisdiction's zone, written for a demo loaded on 2026-11-30 (permitdesk.demo.clock moves them
by whole weeks to the week it is loaded), all before 2026-11-23, chosen so that every guard of
the pack is met (Clayton's 24 business hours of processing and 4:00 PM cut-off are computed by
the rules, not assumed). Inspection visits are counted from the day of loading instead: the
inspection-requested case is visited that day, and build.Builder.top_up books the next.
Each plan is data (its shape is permitdesk.demo.specs); permitdesk.demo.build walks it.
"""

from __future__ import annotations

from permitdesk.demo.specs import (
    COUPLE,
    FAMILY_OF_THREE,
    GUTTERS,
    HANDRAIL,
    OUTLETS,
    ROOMMATES,
    SMOKE_ALARM,
    CaseSpec,
    JurisdictionPlan,
    PropertySpec,
    UnitSpec,
    house,
)

PLANS: tuple[JurisdictionPlan, ...] = (
    JurisdictionPlan(
        slug="clayton-mo",
        recorded_at="2026-02-26 09:00",
        fee_item="residential-occupancy",
        payment_method="visa",
        violations=(SMOKE_ALARM, OUTLETS),
        properties=(
            PropertySpec(
                "DEMO-CL-0001",
                "8100 Larkspur Ave",
                "Clayton",
                "MO",
                "63105",
                tuple(
                    UnitSpec(label, "apartment", 4, house(*areas))
                    for label, areas in (
                        ("1A", ("140", "110")),
                        ("1B", ("120",)),
                        ("2A", ("140", "110")),
                        ("2B", ("120",)),
                    )
                ),
            ),
            PropertySpec(
                "DEMO-CL-0002",
                "7415 Juniper Ct",
                "Clayton",
                "MO",
                "63105",
                (UnitSpec("", "single-family", 1, house("150", "120", "100")),),
            ),
            PropertySpec(
                "DEMO-CL-0003",
                "312 Quillan Pl",
                "Clayton",
                "MO",
                "63105",
                tuple(UnitSpec(x, "duplex", 2, house("130", "100")) for x in ("A", "B")),
            ),
        ),
        cases=(
            CaseSpec(
                "ended",
                "DEMO-CL-0002",
                "",
                "agent",
                "lease",
                "2026-03-02 10:00",
                occupants=COUPLE,
                ended="2026-08-31 09:00",
            ),
            CaseSpec(
                "issued",
                "DEMO-CL-0002",
                "",
                "agent",
                "lease",
                "2026-09-08 10:00",
                occupants=FAMILY_OF_THREE,
                fail_first=True,
            ),
            CaseSpec("failed", "DEMO-CL-0003", "A", "owner", "lease", "2026-10-05 09:30"),
            CaseSpec("approved", "DEMO-CL-0001", "1A", "agent", "lease", "2026-10-26 10:00"),
            CaseSpec(
                "inspection-requested",
                "DEMO-CL-0001",
                "2A",
                "agent",
                "lease",
                "2026-11-09 10:00",
                visit_in=0,
            ),
            CaseSpec("submitted", "DEMO-CL-0001", "2B", "owner", "lease", "2026-11-18 14:00"),
        ),
    ),
    JurisdictionPlan(
        slug="st-clair-county-il",
        recorded_at="2026-02-26 09:30",
        fee_item="occupancy-inspection",
        payment_method="check",
        violations=(GUTTERS, HANDRAIL),
        properties=(
            PropertySpec(
                "DEMO-SC-0001",
                "1450 Prairie Wind Dr",
                "Belleville",
                "IL",
                "62223",
                (UnitSpec("", "single-family", 1, house("140", "110")),),
            ),
            PropertySpec(
                "DEMO-SC-0002",
                "22 Cottonwood Ct",
                "Belleville",
                "IL",
                "62223",
                tuple(UnitSpec(x, "duplex", 2, house("120", "90")) for x in ("A", "B")),
            ),
            PropertySpec(
                "DEMO-SC-0003",
                "318 Quarry Rd",
                "Swansea",
                "IL",
                "62226",
                tuple(UnitSpec(x, "apartment", 6, house("110")) for x in ("1", "2", "3")),
            ),
            PropertySpec(
                "DEMO-SC-0004",
                "905 Harvest Ln, Lot 14",
                "Freeburg",
                "IL",
                "62243",
                (UnitSpec("", "mobile-home", 1, house("100", "80")),),
            ),
        ),
        cases=(
            CaseSpec(
                "ended",
                "DEMO-SC-0001",
                "",
                "owner",
                "lease",
                "2026-03-03 10:00",
                occupants=ROOMMATES,
                ended="2026-08-31 09:30",
            ),
            CaseSpec(
                "issued",
                "DEMO-SC-0001",
                "",
                "owner",
                "lease",
                "2026-09-09 10:00",
                # The house passed on 2026-03-04 for the ended case; St. Clair's approval is
                # good for a year even if the occupancy changes: approved at once, $35 due.
                occupants=FAMILY_OF_THREE,
            ),
            CaseSpec("failed", "DEMO-SC-0002", "A", "agent", "lease", "2026-10-06 10:00"),
            CaseSpec("approved", "DEMO-SC-0002", "B", "agent", "lease", "2026-10-27 10:00"),
            CaseSpec("temporary", "DEMO-SC-0004", "", "owner", "sale", "2026-11-02 11:00"),
            CaseSpec(
                "inspection-requested",
                "DEMO-SC-0003",
                "1",
                "agent",
                "lease",
                "2026-11-10 10:00",
                visit_in=0,
            ),
            CaseSpec("submitted", "DEMO-SC-0003", "2", "agent", "lease", "2026-11-18 09:15"),
        ),
    ),
    JurisdictionPlan(
        slug="st-louis-county-mo",
        recorded_at="2026-02-27 09:00",
        fee_item="re-occupancy-permit",
        payment_method="check",
        violations=(SMOKE_ALARM, GUTTERS),
        properties=(
            PropertySpec(
                "DEMO-SL-0001",
                "4821 Sycamore Bend Dr",
                "St. Louis",
                "MO",
                "63129",
                (UnitSpec("", "single-family", 1, house("140", "110", "90")),),
            ),
            PropertySpec(
                "DEMO-SL-0002",
                "77 Brookhollow Ct",
                "St. Louis",
                "MO",
                "63128",
                tuple(UnitSpec(x, "duplex", 2, house("140", "100")) for x in ("A", "B")),
            ),
            PropertySpec(
                "DEMO-SL-0003",
                "1200 Meadowlark Ln",
                "St. Louis",
                "MO",
                "63125",
                tuple(UnitSpec(x, "condo", 12, house("120", "80")) for x in ("101", "204")),
            ),
        ),
        cases=(
            CaseSpec(
                "ended",
                "DEMO-SL-0001",
                "",
                "agent",
                "lease",
                "2026-03-04 10:00",
                occupants=COUPLE,
                ended="2026-08-28 14:00",
            ),
            CaseSpec(
                "issued",
                "DEMO-SL-0001",
                "",
                "owner",
                "sale",
                "2026-09-10 10:00",
                occupants=FAMILY_OF_THREE,
                fail_first=True,
            ),
            CaseSpec("failed", "DEMO-SL-0002", "A", "owner", "sale", "2026-10-07 10:00"),
            CaseSpec("approved", "DEMO-SL-0003", "101", "owner", "sale", "2026-10-28 10:00"),
            CaseSpec(
                "inspection-requested",
                "DEMO-SL-0003",
                "204",
                "agent",
                "sale",
                "2026-11-11 10:00",
                visit_in=0,
            ),
            CaseSpec("submitted", "DEMO-SL-0002", "B", "agent", "lease", "2026-11-19 10:00"),
        ),
    ),
    JurisdictionPlan(
        slug="village-ord-08-457",
        recorded_at="2026-02-27 09:30",
        fee_item="occupancy-permit",
        payment_method="check",
        violations=(GUTTERS, OUTLETS),
        properties=(
            PropertySpec(
                "DEMO-VI-0001",
                "14 Linden Way",
                "Demo Village",
                "MO",
                "63119",
                (UnitSpec("", "single-family", 1, house("150", "120")),),
            ),
            PropertySpec(
                "DEMO-VI-0002",
                "203 Chestnut Row",
                "Demo Village",
                "MO",
                "63119",
                tuple(UnitSpec(x, "duplex", 2, house("130", "90")) for x in ("A", "B")),
            ),
            PropertySpec(
                "DEMO-VI-0003",
                "9 Willow Green",
                "Demo Village",
                "MO",
                "63119",
                tuple(UnitSpec(x, "condo", 8, house("110", "80")) for x in ("1", "2")),
            ),
            PropertySpec(
                "DEMO-VI-0004",
                "58 Hawthorn Pl",
                "Demo Village",
                "MO",
                "63119",
                (UnitSpec("", "single-family", 1, house("140", "100")),),
            ),
        ),
        cases=(
            CaseSpec(
                "ended",
                "DEMO-VI-0001",
                "",
                "owner",
                "lease",
                "2026-03-05 10:00",
                occupants=ROOMMATES,
                ended="2026-08-31 10:00",
            ),
            CaseSpec(
                "issued",
                "DEMO-VI-0001",
                "",
                "owner",
                "sale",
                "2026-09-11 10:00",
                occupants=FAMILY_OF_THREE,
                fail_first=True,
            ),
            CaseSpec(
                "conditional",
                "DEMO-VI-0004",
                "",
                "owner",
                "sale",
                "2026-09-21 10:00",
                correction_due_on="2026-12-31",
                owner_statement="I will re-hang the gutters and cover the kitchen junction box "
                "by December 31, 2026.",
            ),
            CaseSpec("failed", "DEMO-VI-0002", "A", "agent", "lease", "2026-10-08 10:00"),
            CaseSpec("approved", "DEMO-VI-0003", "1", "owner", "sale", "2026-10-29 10:00"),
            CaseSpec(
                "inspection-requested",
                "DEMO-VI-0003",
                "2",
                "agent",
                "lease",
                "2026-11-12 10:00",
                visit_in=0,
            ),
            CaseSpec("submitted", "DEMO-VI-0002", "B", "owner", "sale", "2026-11-20 10:00"),
        ),
    ),
)


def _visits(
    parcel_id: str, address: str, city: str, state: str, zip_code: str, unit_type: str
) -> PropertySpec:
    unit = UnitSpec("101", unit_type, 24, house("120"))
    return PropertySpec(parcel_id, address, city, state, zip_code, (unit,))


# Where each jurisdiction's inspection visits of the coming days are booked (build.Builder's
# top_up): a building that gets one more unit, like its first, for each visit (condominiums
# in the village and St. Louis County, whose ordinances leave rented apartment complexes out).
VISIT_BUILDINGS: dict[str, PropertySpec] = {
    "clayton-mo": _visits(
        "DEMO-CL-0100", "100 Bellwether Sq", "Clayton", "MO", "63105", "apartment"
    ),
    "st-clair-county-il": _visits(
        "DEMO-SC-0100", "100 Fieldstone Way", "Belleville", "IL", "62223", "apartment"
    ),
    "st-louis-county-mo": _visits(
        "DEMO-SL-0100", "100 Copperleaf Dr", "St. Louis", "MO", "63129", "condo"
    ),
    "village-ord-08-457": _visits(
        "DEMO-VI-0100", "100 Aspen Commons", "Demo Village", "MO", "63119", "condo"
    ),
}
