"""Clayton's fees, checked line by line against the source documents.

Every expected amount below is worked out from the words of the documents (docs/sources, copies of shared/seeds),
not from the pack:

- 002: City of Clayton, Permit and Application Fee Schedule, August 2010.
- 000: City of Clayton, Process to Obtain a Residential Occupancy Permit (undated; the pack
  dates it 2016-01-01).

Readings the pack has chosen where the schedule is silent, and which these tests hold it to:
"per $1,000" and "each 1,000 cubic feet" count each started thousand; signage counts each
started square foot; exactly 200,000 BTU is in the upper ($20) band; 5 and 10 tons are in the
"5 – 10 Ton" band; building, plumbing, mechanical and sign permits carry the $30 application
fee and $30 for each inspection (one by default).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import NotInForce
from permitdesk.rules.facts import FactError
from permitdesk.rules.quote import NotPermitted, Quote, QuoteLine, quote

TODAY = dt.date(2026, 1, 1)  # under both documents
UNDER_2010_SCHEDULE = dt.date(2012, 6, 1)  # after August 2010, before the process document
BEFORE_2010_SCHEDULE = dt.date(2010, 7, 31)

# Application fee plus the one inspection every permit needs by default: $30 + 1 × $30.
APPLICATION_AND_ONE_INSPECTION = Decimal("60.00")


def clayton(item: str, on: dt.date = TODAY, **facts: object) -> Quote:
    return quote(get_pack("clayton-mo"), item, facts, on)


def line(q: Quote, line_id: str) -> QuoteLine:
    found = [ln for ln in q.lines if ln.id == line_id]
    assert len(found) == 1, f"expected one '{line_id}' line in {[ln.id for ln in q.lines]}"
    return found[0]


# --- Construction: application, amendment and inspection fees --------------------------------


def test_application_fee_is_30_dollars() -> None:
    # "must be accompanied with the $30.00 application fee"
    assert clayton("application-fee").total == Decimal("30.00")


@pytest.mark.parametrize(
    ("inspections", "expected"),
    [
        (1, "30.00"),  # 1 × $30 = $30
        (2, "60.00"),  # 2 × $30 = $60
        (5, "150.00"),  # 5 × $30 = $150
    ],
)
def test_each_inspection_deemed_necessary_costs_30_dollars(inspections: int, expected: str) -> None:
    # "A $30.00 inspection fee is required for each inspection deemed necessary"
    assert clayton("inspection-fee", inspections=inspections).total == Decimal(expected)


def test_one_inspection_is_charged_when_none_is_stated() -> None:
    assert clayton("inspection-fee").total == Decimal("30.00")


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (0, "50.00"),  # $50 + 0 × $10 = $50
        (1, "60.00"),  # $50 + 1 × $10 = $60
        (7, "120.00"),  # $50 + 7 × $10 = $120
    ],
)
def test_an_amendment_costs_50_dollars_plus_10_dollars_a_page(pages: int, expected: str) -> None:
    # "A $50.00 fee ... to submit an amendment of addendum to any permit plus $10.00 per page"
    assert clayton("amendment", pages=pages).total == Decimal(expected)


# --- Building permits ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("construction_cost", "expected"),
    [
        ("1000", "72.00"),  # $30 + $30 + 1 × $12 = $72
        ("10000", "180.00"),  # $30 + $30 + 10 × $12 = $180
        ("10500", "192.00"),  # $30 + $30 + 11 started thousands × $12 = $192
        ("0.01", "72.00"),  # $30 + $30 + 1 started thousand × $12 = $72
        ("1000.01", "84.00"),  # $30 + $30 + 2 started thousands × $12 = $84
        ("250000", "3060.00"),  # $30 + $30 + 250 × $12 = $3,060
    ],
)
def test_repairs_and_alterations_cost_12_dollars_per_started_1000_of_construction_cost(
    construction_cost: str, expected: str
) -> None:
    # "Repairs, alterations, swimming pools, fences, decks, retaining walls, etc. are $12.00 per
    # $1,000 of construction cost" plus "an application fee of $30.00 and a $30.00 inspection fee"
    q = clayton("building-permit", construction_cost=construction_cost)
    assert q.total == Decimal(expected)


def test_a_building_permit_with_three_inspections_charges_each_of_them() -> None:
    # $30 + 3 × $30 + 5 × $12 = $180
    q = clayton("building-permit", construction_cost="5000", inspections=3)
    assert q.total == Decimal("180.00")
    assert line(q, "inspections").amount == Decimal("90.00")


def test_a_building_permit_quote_has_the_30_dollar_application_line() -> None:
    q = clayton("building-permit", construction_cost="5000")
    assert line(q, "application").amount == Decimal("30.00")
    assert line(q, "inspections").amount == Decimal("30.00")


@pytest.mark.parametrize(
    ("volume_cuft", "expected"),
    [
        ("1000", "77.91"),  # $30 + $30 + 1 × $17.91 = $77.91
        ("500", "77.91"),  # $30 + $30 + 1 started thousand × $17.91 = $77.91
        ("25000", "507.75"),  # $30 + $30 + 25 × $17.91 = $507.75
        ("25001", "525.66"),  # $30 + $30 + 26 started thousands × $17.91 = $525.66
        ("40000", "776.40"),  # $30 + $30 + 40 × $17.91 = $776.40
    ],
)
def test_new_single_family_construction_costs_17_91_per_started_1000_cubic_feet(
    volume_cuft: str, expected: str
) -> None:
    # "New construction, including garages and room additions for single family residential,
    # the fee is $17.91 for each 1,000 cubic feet of volume within the structure."
    q = clayton("building-permit-new-single-family", volume_cuft=volume_cuft)
    assert q.total == Decimal(expected)


def test_single_family_volume_line_rate_is_17_91() -> None:
    q = clayton("building-permit-new-single-family", volume_cuft="3000")
    assert line(q, "volume").rate == Decimal("17.91")
    assert line(q, "volume").amount == Decimal("53.73")  # 3 × $17.91 = $53.73


@pytest.mark.parametrize(
    ("group", "construction_class", "volume_cuft", "expected"),
    [
        # $30 + $30 + 50 × $42.72 (OFFICE BUILDING, IA) = $2,196.00
        ("office-building", "IA", "50000", "2196.00"),
        # $30 + $30 + 13 started thousands × $12.18 (FACTORY OR WAREHOUSE, VB) = $218.34
        ("factory-or-warehouse", "VB", "12500", "218.34"),
        # $30 + $30 + 8 × $5.12 (PRIVATE GARAGE/ACCESSORY BUILDING, VA) = $100.96
        ("private-garage-accessory-building", "VA", "8000", "100.96"),
    ],
)
def test_other_new_construction_is_priced_from_the_type_of_construction_table(
    group: str, construction_class: str, volume_cuft: str, expected: str
) -> None:
    # "For all other new construction refer to Attachment 1"
    q = clayton(
        "building-permit-new-other",
        occupancy_group=group,
        construction_class=construction_class,
        volume_cuft=volume_cuft,
    )
    assert q.total == Decimal(expected)


def test_the_table_line_is_dated_october_1_2005_as_the_table_says() -> None:
    # "TYPE OF CONSTRUCTION  Effective October 1, 2005"
    q = clayton(
        "building-permit-new-other",
        occupancy_group="schools",
        construction_class="IIB",
        volume_cuft="1000",
    )
    assert line(q, "volume").effective == dt.date(2005, 10, 1)


def test_a_parking_structure_of_type_iiia_is_not_permitted() -> None:
    # PARKING STRUCTURE: IIIA is NP
    with pytest.raises(NotPermitted, match="not permitted"):
        clayton(
            "building-permit-new-other",
            occupancy_group="parking-structure",
            construction_class="IIIA",
            volume_cuft="1000",
        )


# --- Plumbing permits ------------------------------------------------------------------------


def test_a_plumbing_permit_with_no_work_items_is_application_plus_one_inspection() -> None:
    # Application Fee $30.00 + Inspections $30.00 each
    q = clayton("plumbing-permit")
    assert q.total == APPLICATION_AND_ONE_INSPECTION
    assert {ln.id for ln in q.lines} == {"application", "inspections"}


@pytest.mark.parametrize(
    ("sewer_feet", "expected_sewer"),
    [
        ("100", "30.00"),  # 100 × $0.30 = $30.00
        ("51", "15.30"),  # 51 × $0.30 = $15.30
        ("50", "15.00"),  # 50 × $0.30 = $15.00, the minimum exactly
        ("10", "15.00"),  # 10 × $0.30 = $3.00, raised to the $15 minimum
        ("1", "15.00"),  # 1 × $0.30 = $0.30, raised to the $15 minimum
        ("0.5", "15.00"),  # 0.5 × $0.30 = $0.15, raised to the $15 minimum
        ("1000", "300.00"),  # 1,000 × $0.30 = $300.00
    ],
)
def test_sewer_costs_30_cents_a_lineal_foot_with_a_15_dollar_minimum(
    sewer_feet: str, expected_sewer: str
) -> None:
    # "Sewer Sanitary/Storm $0.30/lin/ft ($15 min)"
    q = clayton("plumbing-permit", sewer_feet=sewer_feet)
    assert q.total - APPLICATION_AND_ONE_INSPECTION == Decimal(expected_sewer)


def test_no_sewer_means_no_sewer_minimum() -> None:
    # the $15 minimum is the minimum of a sewer charge; a permit without sewer work has none
    assert clayton("plumbing-permit", sewer_feet="0").total == APPLICATION_AND_ONE_INSPECTION


@pytest.mark.parametrize(
    ("facts", "expected_work", "arithmetic"),
    [
        ({"water_services": 1}, "10.00", "1 × $10 water service"),
        ({"water_services": 3}, "30.00", "3 × $10 water service"),
        ({"fixtures": 1}, "4.00", "1 × $4 fixture"),
        ({"fixtures": 12}, "48.00", "12 × $4 fixtures"),
        ({"water_heaters": 1}, "20.00", "1 × $20 water heater"),
        ({"water_heaters": 2}, "40.00", "2 × $20 water heaters"),
    ],
)
def test_plumbing_work_items_are_charged_each(
    facts: dict[str, int], expected_work: str, arithmetic: str
) -> None:
    # "Water Service $10.00 each", "All Fixtures/Misc Items $4.00 each",
    # "Water Heaters $20.00 each"
    q = clayton("plumbing-permit", **facts)
    assert q.total - APPLICATION_AND_ONE_INSPECTION == Decimal(expected_work), arithmetic


def test_a_whole_plumbing_job_adds_every_line() -> None:
    # $30 application + 2 × $30 inspections + 80 ft × $0.30 sewer ($24) + 1 × $10 water
    # service + 9 × $4 fixtures ($36) + 1 × $20 water heater = $180.00
    q = clayton(
        "plumbing-permit",
        sewer_feet="80",
        water_services=1,
        fixtures=9,
        water_heaters=1,
        inspections=2,
    )
    assert q.total == Decimal("180.00")


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (1, "40.00"),  # 1 × $40
        (3, "120.00"),  # 3 × $40
    ],
)
def test_a_plumbing_license_costs_40_dollars_per_year(years: int, expected: str) -> None:
    # "Licenses $40.00 per year"
    assert clayton("plumbing-license", years=years).total == Decimal(expected)


# --- Mechanical permits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected_work"),
    [
        # "Furnace under 200,000 BTU $10.00 each"; "Furnace over 200,000 BTU $20.00 each"
        pytest.param({"furnaces_btu": "120000"}, "10.00", id="furnace-120k-under"),
        pytest.param({"furnaces_btu": "199999"}, "10.00", id="furnace-199999-under"),
        pytest.param({"furnaces_btu": "200000"}, "20.00", id="furnace-200k-upper-band"),
        pytest.param({"furnaces_btu": "250000"}, "20.00", id="furnace-250k-over"),
        # $10 + $20 + $20 = $50
        pytest.param({"furnaces_btu": "80000,200000,300000"}, "50.00", id="three-furnaces"),
        # "Boiler under 200,000 BTU $10.00 each"; "Boiler over 200,000 BTU $20.00 each"
        pytest.param({"boilers_btu": "150000"}, "10.00", id="boiler-150k-under"),
        pytest.param({"boilers_btu": "200000"}, "20.00", id="boiler-200k-upper-band"),
        pytest.param({"boilers_btu": "400000"}, "20.00", id="boiler-400k-over"),
        # "Cooling unit under 5 Ton $10.00"; "5 – 10 Ton $20.00"; "over 10 Ton $40.00"
        pytest.param({"cooling_units_tons": "3"}, "10.00", id="cooling-3-ton"),
        pytest.param({"cooling_units_tons": "4.9"}, "10.00", id="cooling-4.9-ton"),
        pytest.param({"cooling_units_tons": "5"}, "20.00", id="cooling-5-ton"),
        pytest.param({"cooling_units_tons": "7.5"}, "20.00", id="cooling-7.5-ton"),
        pytest.param({"cooling_units_tons": "10"}, "20.00", id="cooling-10-ton"),
        pytest.param({"cooling_units_tons": "10.5"}, "40.00", id="cooling-10.5-ton"),
        pytest.param({"cooling_units_tons": "25"}, "40.00", id="cooling-25-ton"),
        # $10 + $20 + $40 = $70
        pytest.param({"cooling_units_tons": "2,5,12"}, "70.00", id="three-cooling-units"),
        # "Air Handlers $10.00 each" — 2 × $10
        pytest.param({"air_handlers": 2}, "20.00", id="air-handlers"),
        # "Electric Fan Coil Units $10.00 each" — 3 × $10
        pytest.param({"fan_coil_units": 3}, "30.00", id="fan-coil-units"),
        # "Exhaust Fans $10.00 each" — 4 × $10
        pytest.param({"exhaust_fans": 4}, "40.00", id="exhaust-fans"),
        # "Misc. Equipment $10.00 each" — 1 × $10
        pytest.param({"misc_equipment": 1}, "10.00", id="misc-equipment"),
    ],
)
def test_mechanical_equipment_is_charged_by_its_band(
    facts: dict[str, object], expected_work: str
) -> None:
    q = clayton("mechanical-permit", **facts)
    assert q.total - APPLICATION_AND_ONE_INSPECTION == Decimal(expected_work)


def test_a_mechanical_permit_with_no_equipment_is_application_plus_one_inspection() -> None:
    # "Application Fee $30.00", "Inspections $30.00 each"
    assert clayton("mechanical-permit").total == APPLICATION_AND_ONE_INSPECTION


def test_a_whole_mechanical_job_adds_every_line() -> None:
    # $30 application + 2 × $30 inspections + furnace 90,000 BTU $10 + boiler 250,000 BTU $20
    # + cooling 3.5 ton $10 + 1 air handler $10 + 2 exhaust fans $20 = $160.00
    q = clayton(
        "mechanical-permit",
        furnaces_btu="90000",
        boilers_btu="250000",
        cooling_units_tons="3.5",
        air_handlers=1,
        exhaust_fans=2,
        inspections=2,
    )
    assert q.total == Decimal("160.00")


# --- Demolition, dumpster and sign permits ---------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected_deposit"),
    [
        pytest.param({}, "0", id="partial-demolition"),
        pytest.param({"total_demolition": True}, "1000.00", id="total-demolition"),
        pytest.param(
            {"total_demolition": True, "minor_structure": True}, "0", id="total-demolition-of-shed"
        ),
    ],
)
def test_demolition_costs_110_dollars_in_total(
    facts: dict[str, bool], expected_deposit: str
) -> None:
    # "A permit for demolition is $80.00 plus the $30.00 application fee or $110.00 total."
    q = clayton("demolition-permit", **facts)
    assert q.total == Decimal("110.00")
    assert q.deposits == Decimal(expected_deposit)


def test_total_demolition_needs_a_refundable_1000_dollar_deposit_apart_from_the_fee() -> None:
    # "On all total demolition of structures, other than minor structures (eg. small sheds),
    # a $1,000 refundable cash deposit is required."
    q = clayton("demolition-permit", total_demolition=True, minor_structure=False)
    deposit_lines = [ln for ln in q.lines if ln.kind == "deposit"]
    assert [ln.amount for ln in deposit_lines] == [Decimal("1000.00")]
    assert q.total == Decimal("110.00")  # the deposit is not a fee
    assert q.deposits == Decimal("1000.00")


def test_a_minor_structure_needs_no_demolition_deposit() -> None:
    q = clayton("demolition-permit", total_demolition=True, minor_structure=True)
    assert not [ln for ln in q.lines if ln.kind == "deposit"]


def test_a_dumpster_permit_costs_80_dollars_in_total() -> None:
    # "A permit for a dumpster is $50.00 plus the $30.00 application fee or $80.00 total."
    assert clayton("dumpster-permit").total == Decimal("80.00")


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "20.00"),  # 1 × $20
        (10, "200.00"),  # 10 × $20
        (30, "600.00"),  # 30 × $20
    ],
)
def test_a_dumpster_extension_costs_20_dollars_per_day(days: int, expected: str) -> None:
    # "A per day pro rated fee will apply to approved extensions at the rate of $20.00 per day."
    assert clayton("dumpster-extension", days=days).total == Decimal(expected)


@pytest.mark.parametrize(
    ("sign_area_sqft", "inspections", "expected"),
    [
        ("20", 1, "160.00"),  # $30 + 1 × $30 + 20 × $5 = $160
        ("12.5", 1, "125.00"),  # $30 + 1 × $30 + 13 started sq ft × $5 = $125
        ("0.25", 1, "65.00"),  # $30 + 1 × $30 + 1 started sq ft × $5 = $65
        ("48", 2, "330.00"),  # $30 + 2 × $30 + 48 × $5 = $330
    ],
)
def test_a_sign_costs_5_dollars_per_started_square_foot_plus_application_and_inspections(
    sign_area_sqft: str, inspections: int, expected: str
) -> None:
    # "In addition to an application fee of $30.00 and a $30.00 inspection fee for each
    # required inspection, a fee of $5.00 per square foot of signage will be assessed."
    q = clayton("sign-permit", sign_area_sqft=sign_area_sqft, inspections=inspections)
    assert q.total == Decimal(expected)


def test_a_sign_permit_quote_has_the_30_dollar_application_line() -> None:
    q = clayton("sign-permit", sign_area_sqft="10")
    assert line(q, "application").amount == Decimal("30.00")


# --- Reminders: electrical permits go to St. Louis County ------------------------------------


def test_electrical_permits_are_referred_to_st_louis_county_with_no_clayton_fee() -> None:
    # "All electrical permits are obtained and inspected through St. Louis County (314) 615-5000."
    q = clayton("electrical-permit")
    assert q.referral is not None
    assert "St. Louis County" in q.referral
    assert "615-5000" in q.referral
    assert q.lines == ()
    assert q.total == 0


# --- Occupancy: commercial --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("occupied", "expected"),
    [
        (False, "120.00"),  # "Application/Inspection Fee - $120.00"
        (True, "210.00"),  # "... if occupied prior to inspection approval - $210.00"
    ],
)
def test_commercial_occupancy_costs_120_or_210_if_occupied_before_approval(
    occupied: bool, expected: str
) -> None:
    assert clayton("commercial-occupancy", occupied=occupied).total == Decimal(expected)


# --- Occupancy: residential, under the 2010 schedule and under the process document ----------

UNIT_TYPES_OF_THE_PROCESS_DOCUMENT = ["apartment", "condo", "duplex", "single-family"]


@pytest.mark.parametrize("unit_type", UNIT_TYPES_OF_THE_PROCESS_DOCUMENT)
def test_residential_occupancy_is_a_flat_60_under_the_2010_schedule(unit_type: str) -> None:
    # 002, Occupancy — Residential: "Application/Inspection Fee - $60.00", whatever the unit
    q = clayton("residential-occupancy", on=UNDER_2010_SCHEDULE, unit_type=unit_type)
    assert q.total == Decimal("60.00")
    assert q.effective == dt.date(2010, 8, 1)


@pytest.mark.parametrize("unit_type", UNIT_TYPES_OF_THE_PROCESS_DOCUMENT)
def test_an_occupied_unit_is_a_flat_120_under_the_2010_schedule(unit_type: str) -> None:
    # 002: "Application/Inspection Fee if occupied prior to inspection approval - $120.00"
    q = clayton("residential-occupancy", on=UNDER_2010_SCHEDULE, unit_type=unit_type, occupied=True)
    assert q.total == Decimal("120.00")


@pytest.mark.parametrize(
    ("unit_type", "expected"),
    [
        ("apartment", "60.00"),
        ("condo", "60.00"),
        ("duplex", "60.00"),
        ("single-family", "80.00"),
    ],
)
def test_vacant_unit_costs_60_or_80_for_a_single_family_home_under_the_process_document(
    unit_type: str, expected: str
) -> None:
    # 000, step 1: "$60 inspection fee for an apartment/condo/duplex, or $80 for a single-family
    # home."
    q = clayton("residential-occupancy", unit_type=unit_type)
    assert q.total == Decimal(expected)
    assert q.effective == dt.date(2016, 1, 1)


@pytest.mark.parametrize(
    ("unit_type", "expected"),
    [
        ("apartment", "120.00"),
        ("condo", "120.00"),
        ("duplex", "120.00"),
        ("single-family", "160.00"),
    ],
)
def test_occupied_unit_costs_120_or_160_for_a_single_family_home_under_the_process_document(
    unit_type: str, expected: str
) -> None:
    # 000, step 3: "The fee for inspecting an occupied apartment, condo, or duplex unit is
    # $120.00 and $160, if a single-family home."
    q = clayton("residential-occupancy", unit_type=unit_type, occupied=True)
    assert q.total == Decimal(expected)


def test_single_family_occupied_unit_costs_160_under_the_process_document() -> None:
    q = clayton("residential-occupancy", unit_type="single-family", occupied=True)
    assert q.total == Decimal("160.00")


def test_the_process_document_quote_cites_the_process_document() -> None:
    q = clayton("residential-occupancy", unit_type="single-family")
    assert "Process to Obtain a Residential Occupancy Permit" in q.citation


def test_the_2010_quote_cites_the_2010_fee_schedule() -> None:
    q = clayton("residential-occupancy", on=UNDER_2010_SCHEDULE, unit_type="single-family")
    assert "August 2010" in q.citation


@pytest.mark.parametrize("on", [UNDER_2010_SCHEDULE, TODAY])
@pytest.mark.parametrize("occupied", [False, True])
def test_the_first_tenancy_of_new_construction_is_included_in_the_building_permit_fee(
    on: dt.date, occupied: bool
) -> None:
    # 002: "New Construction - 1st Tenancy is included in Building Permit Fee"
    q = clayton(
        "residential-occupancy",
        on=on,
        unit_type="single-family",
        occupied=occupied,
        new_construction_first_tenancy=True,
    )
    assert q.total == 0


def test_residential_occupancy_is_not_in_force_before_the_august_2010_schedule() -> None:
    with pytest.raises(NotInForce):
        clayton("residential-occupancy", on=BEFORE_2010_SCHEDULE, unit_type="apartment")


@pytest.mark.parametrize(
    ("item", "facts"),
    [
        ("building-permit", {"construction_cost": "1000"}),
        ("plumbing-permit", {}),
        ("dumpster-permit", {}),
        ("commercial-occupancy", {}),
    ],
)
def test_the_2010_schedule_is_not_in_force_before_august_2010(
    item: str, facts: dict[str, object]
) -> None:
    with pytest.raises(NotInForce):
        clayton(item, on=BEFORE_2010_SCHEDULE, **facts)


# --- Prior to sale inspections ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (3, "175.00"),  # $100 + 3 × $25 = $175
        (4, "200.00"),  # $100 + 4 × $25 = $200
        (12, "400.00"),  # $100 + 12 × $25 = $400
    ],
)
def test_a_prior_to_sale_inspection_costs_100_plus_25_dollars_a_unit(
    units: int, expected: str
) -> None:
    # "Application/Inspection Fee for building exterior and common areas - $100.00";
    # "Fee for each unit - $25.00"
    assert clayton("prior-to-sale-inspection", units=units).total == Decimal(expected)


def test_a_prior_to_sale_inspection_is_for_three_or_more_units() -> None:
    # "... rental structure containing three or more units"
    with pytest.raises(FactError) as error:
        clayton("prior-to-sale-inspection", units=2)
    assert error.value.fact == "units"


# --- Planning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "facts", "expected"),
    [
        # "Architectural Review - Application Fee - $100.00"
        ("architectural-review", {}, "100.00"),
        # "Board of Adjustment - Application Fee - $300.00 + $50.00 Advertising Fee" = $350
        ("board-of-adjustment", {}, "350.00"),
        # "Zoning Review - Application Fee $50.00"
        ("zoning-review", {}, "50.00"),
        # "Conditional Use Permit - Application Fee - $200.00"
        ("conditional-use-permit", {}, "200.00"),
        # "... Transfer or Amendments to Existing Permits - $50.00"
        ("conditional-use-permit", {"transfer_or_amendment": True}, "50.00"),
        # "Condominium Plat - Application Fee - $300.00"
        ("condominium-plat", {}, "300.00"),
        # "Outdoor Dining (Annual Permit) - Permit Fee - $100.00"
        ("outdoor-dining", {}, "100.00"),
        # "Petition For Change In Zoning - Application Fee - $200.00"
        ("zoning-change-petition", {}, "200.00"),
        # "Petition For Change In Zoning/ Text Amendment - Application Fee - $200.00"
        ("zoning-text-amendment", {}, "200.00"),
        # "Planned Unit Development - Application Fee - $500.00"
        ("planned-unit-development", {}, "500.00"),
        # "Special Development District - Application Fee - $750.00"
        ("special-development-district", {}, "750.00"),
        # "Special Antenna Permit - Application Fee - $50.00 Plus Building Permit Application
        # Fee $30.00" = $80
        ("special-antenna-permit", {}, "80.00"),
        # "Subdivision/Boundary Adjustment - Application Fee - $250.00"
        ("subdivision-boundary-adjustment", {}, "250.00"),
    ],
)
def test_planning_applications_cost_what_the_schedule_lists(
    item: str, facts: dict[str, object], expected: str
) -> None:
    assert clayton(item, **facts).total == Decimal(expected)


def test_site_plan_review_is_250_dollars_with_a_450_dollar_landscape_review_deposit() -> None:
    # "Site Plan Review - Application Fee - $250.00 $450.00 Landscape Architect Review Deposit"
    q = clayton("site-plan-review")
    assert q.total == Decimal("250.00")
    assert q.deposits == Decimal("450.00")


def test_landscape_architect_review_is_billed_at_107_dollars_an_hour() -> None:
    # "(Landscape Architect Review Fee @ $107.00 per hour)": $250 + 3 × $107 = $571
    q = clayton("site-plan-review", landscape_review_hours="3")
    assert q.total == Decimal("571.00")
    assert q.deposits == Decimal("450.00")


def test_a_swppp_review_adds_300_dollars_to_a_site_plan_review() -> None:
    # "($300.00 SWPPP)": $250 + $300 = $550
    assert clayton("site-plan-review", swppp=True).total == Decimal("550.00")


# --- Requests for verification ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "special_request", "expected"),
    [
        # "REQUEST FOR VERIFICATION OF ZONING $25.00 Application Fee"
        ("zoning-verification", False, "25.00"),
        # "... An additional fee of $25.00 will apply." $25 + $25 = $50
        ("zoning-verification", True, "50.00"),
        # "REQUEST FOR VERIFICATION OF BUILDING/PROPERTY MAINTENANCE CODE COMPLIANCE $25.00"
        ("code-compliance-verification", False, "25.00"),
        # "... An additional fee of $25.00 will apply." $25 + $25 = $50
        ("code-compliance-verification", True, "50.00"),
    ],
)
def test_a_verification_request_costs_25_dollars_and_25_more_for_a_special_request(
    item: str, special_request: bool, expected: str
) -> None:
    assert clayton(item, special_request=special_request).total == Decimal(expected)


def test_a_request_for_verification_of_occupancy_costs_25_dollars() -> None:
    # "REQUEST FOR VERIFICATION OF OCCUPANCY $25.00 Application Fee"
    assert clayton("occupancy-verification").total == Decimal("25.00")


# --- The schedule's "NP" is an error, not a price ---------------------------------------------


def test_not_permitted_is_an_error_and_not_a_zero_fee() -> None:
    # HOSPITAL AND CLINICS: VB is NP
    with pytest.raises(NotPermitted):
        clayton(
            "building-permit-new-other",
            occupancy_group="hospital-and-clinics",
            construction_class="VB",
            volume_cuft="1000",
        )
