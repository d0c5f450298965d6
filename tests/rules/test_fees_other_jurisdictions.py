"""The occupancy fees of St. Clair County (001), St. Louis County (004) and the village of
Ordinance 08-457 (003), checked against the words of those documents.

The village's ordinance states no dollar amount: its fee "shall be equal to the cost that the
Village incurs under its contracts for inspections plus the Village's costs for administering
the permit process", and St. Louis County performs those inspections (§3). The pack follows
the county's $80 and $40; these tests hold it to that reading and, independently, to what the
ordinance does say: the fee covers the initial inspection and one re-inspection, and it is
never less than the county's inspection cost.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import NotInForce
from permitdesk.rules.quote import Quote, quote

TODAY = dt.date(2026, 1, 1)

ST_CLAIR = "st-clair-county-il"
ST_LOUIS_COUNTY = "st-louis-county-mo"
VILLAGE = "village-ord-08-457"


def fee(pack: str, item: str, on: dt.date = TODAY, **facts: object) -> Quote:
    return quote(get_pack(pack), item, facts, on)


# --- St. Clair County, IL (001) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit_type", "expected"),
    [
        ("apartment", "75.00"),  # "$75.00 - Apartments"
        ("mobile-home", "100.00"),  # "$100.00 - Manufactured/Mobile Home"
        ("duplex", "100.00"),  # "$100.00 – Duplexes and Condos"
        ("condo", "100.00"),  # "$100.00 – Duplexes and Condos"
        ("single-family", "125.00"),  # "$125.00 - Single Family Residence"
    ],
)
def test_st_clair_occupancy_inspection_is_priced_by_unit_type(
    unit_type: str, expected: str
) -> None:
    q = fee(ST_CLAIR, "occupancy-inspection", unit_type=unit_type)
    assert q.total == Decimal(expected)


def test_st_clair_single_family_inspection_costs_125() -> None:
    q = fee(ST_CLAIR, "occupancy-inspection", unit_type="single-family")
    assert q.total == Decimal("125.00")


def test_st_clair_re_inspection_or_no_access_costs_50() -> None:
    # "$50.00 – Re-inspection / No Access"
    assert fee(ST_CLAIR, "re-inspection").total == Decimal("50.00")


def test_st_clair_occupancy_permit_costs_35() -> None:
    # "$35.00 - Occupancy Permit"; "There is also a $35 fee that is due at time of obtaining
    # occupancy permit."
    assert fee(ST_CLAIR, "occupancy-permit").total == Decimal("35.00")


def test_st_clair_amended_occupancy_permit_costs_25() -> None:
    # "$25 - Occupancy Permit Amended"
    assert fee(ST_CLAIR, "amended-permit").total == Decimal("25.00")


def test_st_clair_temporary_occupancy_permit_is_exempt() -> None:
    # "Exempt - Temporary Occupancy Permit"
    q = fee(ST_CLAIR, "temporary-permit")
    assert q.total == Decimal("0.00")
    assert q.deposits == 0


def test_st_clair_apartment_inspection_and_permit_cost_110_together() -> None:
    # the owner pays the inspection, the tenant the permit: $75 + $35 = $110
    inspection = fee(ST_CLAIR, "occupancy-inspection", unit_type="apartment")
    permit = fee(ST_CLAIR, "occupancy-permit")
    assert inspection.total + permit.total == Decimal("110.00")


def test_st_clair_single_family_inspection_failed_once_then_permit_costs_210() -> None:
    # $125 inspection + $50 re-inspection + $35 permit = $210
    total = (
        fee(ST_CLAIR, "occupancy-inspection", unit_type="single-family").total
        + fee(ST_CLAIR, "re-inspection").total
        + fee(ST_CLAIR, "occupancy-permit").total
    )
    assert total == Decimal("210.00")


@pytest.mark.parametrize(
    ("item", "facts"),
    [
        ("occupancy-inspection", {"unit_type": "apartment"}),
        ("re-inspection", {}),
        ("occupancy-permit", {}),
    ],
)
def test_st_clair_fees_are_not_in_force_before_the_program_began_on_1_january_1998(
    item: str, facts: dict[str, object]
) -> None:
    # "Effective date Rental Occupancy Inspection 01/01/98"
    with pytest.raises(NotInForce):
        fee(ST_CLAIR, item, on=dt.date(1997, 12, 31), **facts)


def test_st_clair_fees_are_in_force_on_the_day_the_program_began() -> None:
    q = fee(ST_CLAIR, "occupancy-inspection", on=dt.date(1998, 1, 1), unit_type="apartment")
    assert q.total == Decimal("75.00")


# --- St. Louis County, MO (004) --------------------------------------------------------------


@pytest.mark.parametrize("unit_type", ["single-family", "duplex", "condo"])
def test_st_louis_county_re_occupancy_permit_costs_80_for_a_home_duplex_or_condo(
    unit_type: str,
) -> None:
    # "The cost of the permit for a single family home, duplex or condo is $80 for the initial
    # inspection, a re-inspection and permit"
    q = fee(ST_LOUIS_COUNTY, "re-occupancy-permit", unit_type=unit_type)
    assert q.total == Decimal("80.00")


@pytest.mark.parametrize(
    ("inspections", "expected"),
    [
        (1, "80.00"),  # $80 covers the initial inspection
        (2, "80.00"),  # $80 covers a re-inspection too
        (3, "120.00"),  # $80 + $40 for the third inspection = $120
        (4, "160.00"),  # $80 + 2 × $40 = $160 (the pack charges each inspection after the 2nd)
        (6, "240.00"),  # $80 + 4 × $40 = $240
    ],
)
def test_st_louis_county_charges_40_for_a_third_inspection(inspections: int, expected: str) -> None:
    # "There is a $40 charge if a third inspection is required."
    q = fee(
        ST_LOUIS_COUNTY, "re-occupancy-permit", unit_type="single-family", inspections=inspections
    )
    assert q.total == Decimal(expected)


def test_st_louis_county_quotes_one_inspection_when_none_is_stated() -> None:
    q = fee(ST_LOUIS_COUNTY, "re-occupancy-permit", unit_type="condo")
    assert q.total == Decimal("80.00")
    assert len(q.lines) == 1


@pytest.mark.parametrize("unit_type", ["apartment", "mobile-home"])
def test_st_louis_county_prices_a_rental_apartment_as_its_one_price(unit_type: str) -> None:
    # "rental properties, both apartments and single-family homes" (¶2) need the permit; the
    # summary names one price (¶7), which the pack reads as the program's: $80
    q = fee(ST_LOUIS_COUNTY, "re-occupancy-permit", unit_type=unit_type)
    assert q.total == Decimal("80.00")


def test_st_louis_county_fee_is_in_force_from_1_july_2007() -> None:
    # "the new ordinance that went into effect on July 1, 2007"
    q = fee(ST_LOUIS_COUNTY, "re-occupancy-permit", on=dt.date(2007, 7, 1), unit_type="duplex")
    assert q.total == Decimal("80.00")
    with pytest.raises(NotInForce):
        fee(ST_LOUIS_COUNTY, "re-occupancy-permit", on=dt.date(2007, 6, 30), unit_type="duplex")


# --- The village of Ordinance 08-457 (003) ---------------------------------------------------


@pytest.mark.parametrize(
    ("inspections", "expected"),
    [
        (1, "80.00"),  # the fee ($80, the county's) covers the initial inspection
        (2, "80.00"),  # ... and "one (1) re-inspection if property failed the initial inspection"
        (3, "120.00"),  # $80 + $40 for an inspection beyond the one re-inspection = $120
        (4, "160.00"),  # $80 + 2 × $40 = $160
    ],
)
def test_village_occupancy_permit_covers_the_initial_inspection_and_one_re_inspection(
    inspections: int, expected: str
) -> None:
    # §2: "This fee shall cover the initial inspection, one (1) re-inspection if property
    # failed the initial inspection, and one (1) occupancy permit."
    q = fee(VILLAGE, "occupancy-permit", inspections=inspections)
    assert q.total == Decimal(expected)


def test_village_fee_is_the_same_after_one_re_inspection() -> None:
    # whatever the amount, a single re-inspection is covered by the fee (§2)
    first = fee(VILLAGE, "occupancy-permit", inspections=1)
    second = fee(VILLAGE, "occupancy-permit", inspections=2)
    assert second.total == first.total


@pytest.mark.parametrize("inspections", [1, 2, 3, 5])
def test_village_fee_is_never_less_than_the_county_inspection_cost(inspections: int) -> None:
    # §2: the fee is "equal to the cost that the Village incurs under its contracts for
    # inspections plus the Village's costs for administering the permit process"; §3: those
    # inspections are St. Louis County's, at the county's costs. Cost + admin ≥ cost.
    village = fee(VILLAGE, "occupancy-permit", inspections=inspections)
    county = fee(
        ST_LOUIS_COUNTY, "re-occupancy-permit", unit_type="single-family", inspections=inspections
    )
    assert village.total >= county.total


def test_village_fee_is_in_force_from_the_ordinance_of_14_july_2008() -> None:
    # "[Ord. No. 08-457 §2, 7-14-2008]"
    assert fee(VILLAGE, "occupancy-permit", on=dt.date(2008, 7, 14)).total == Decimal("80.00")
    with pytest.raises(NotInForce):
        fee(VILLAGE, "occupancy-permit", on=dt.date(2008, 7, 13))


def test_village_fee_cites_ordinance_08_457() -> None:
    q = fee(VILLAGE, "occupancy-permit")
    assert "08-457" in q.citation
