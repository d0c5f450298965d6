"""Bad files: every problem is reported with its line, its column and what is allowed, and
the file writes nothing, in a dry run and in a real run alike (all or nothing)."""

from __future__ import annotations

import pytest

from permitdesk.imports.pipeline import Report
from permitdesk.records.models import Property
from tests import factories
from tests.imports.conftest import Importer
from tests.writes import writes_nothing

pytestmark = pytest.mark.django_db

UNITS = "jurisdiction,parcel_id,label,unit_type,bedroom_areas\n"
PERMITS = "jurisdiction,number,parcel_id,unit_label,issued_on,ends_on\n"
PAYMENTS = "jurisdiction,receipt_number,case_ref,amount,method,paid_on\n"
PROPERTIES = "jurisdiction,parcel_id,address,city,state\n"

CASES = [
    pytest.param(
        "properties",
        'parcel_id,address,city,state\n"P-1,10 Main,Clayton,MO\n',
        ["line 2: not a well-formed CSV file: unexpected end of data"],
        id="a malformed CSV",
    ),
    pytest.param(
        "properties",
        "jurisdiction,parcel_id,address,city\n",
        ["line 1, column state: the header lacks the column state"],
        id="a missing column",
    ),
    pytest.param(
        "properties",
        "jurisdiction,parcel_id,address,city,state,county\n",
        [
            "line 1, column county: 'county' is not a column of properties; the columns are: "
            "parcel_id, address, city, state, zip_code, jurisdiction"
        ],
        id="an unknown column",
    ),
    pytest.param(
        "properties",
        PROPERTIES + "clayton-mo,P-9,1 Main,Clayton,MO\nclayton-mo,P-9,2 Main,Clayton,MO\n",
        [
            "line 3, column parcel_id: parcel_id 'P-9' is in the file twice: first at line 2; a "
            "parcel is recorded once per jurisdiction"
        ],
        id="a duplicate parcel",
    ),
    pytest.param(
        "properties",
        PROPERTIES + "gotham,P-9,1 Main,Gotham,NY\n",
        [
            "line 2, column jurisdiction: jurisdiction 'gotham' is not one of: clayton-mo, "
            "st-louis-county-mo"
        ],
        id="an unknown jurisdiction",
    ),
    pytest.param(
        "properties",
        PROPERTIES + "st-louis-county-mo,P-9,1 Main,Ladue,MO\n",
        [
            "line 2, column jurisdiction: clayton-clerk is not a clerk or code official of "
            "st-louis-county-mo"
        ],
        id="another jurisdiction's parcel",
    ),
    pytest.param(
        "properties",
        PROPERTIES + "clayton-mo,,1 Main,Clayton,Missouri\n",
        [
            "line 2, column parcel_id: parcel_id is required",
            "line 2, column state: state is 8 characters long; at most 2",
        ],
        id="every problem of a row",
    ),
    pytest.param(
        "units",
        UNITS + "clayton-mo,SLC-1,,single-family,120\n",
        [
            "line 2, column parcel_id: parcel 'SLC-1' is recorded in st-louis-county-mo, not "
            "clayton-mo: a unit is in its parcel's jurisdiction"
        ],
        id="a unit whose parcel is in another jurisdiction",
    ),
    pytest.param(
        "units",
        UNITS + "clayton-mo,18K310142,B,studio,120;x\n",
        [
            "line 2, column unit_type: unit_type is 'studio'; one of: single-family, duplex, "
            "condo, apartment, mobile-home",
            "line 2, column bedroom_areas: bedroom_areas has 'x'; each bedroom's area in square "
            "feet from 0 to 99999.99, separated by ';', like 120;95.5",
        ],
        id="a bad unit type and area",
    ),
    pytest.param(
        "payments",
        PAYMENTS + "clayton-mo,R-9,OLD-2026-0412,12.5O,check,2026-11-03\n"
        "clayton-mo,R-10,OLD-2026-0412,1.005,check,2026-11-03\n",
        [
            "line 2, column amount: amount is '12.5O'; a number from 0.01 to 999999.99 with at "
            "most two decimal places, like 125.50",
            "line 3, column amount: amount is '1.005'; a number from 0.01 to 999999.99 with at "
            "most two decimal places, like 125.50",
        ],
        id="a non-Decimal amount",
    ),
    pytest.param(
        "payments",
        PAYMENTS + "clayton-mo,R-9,OLD-2026-0412,60.00,bitcoin,2026-11-03\n"
        "clayton-mo,R-10,OLD-2026-0412,60.00,check,2026-11-03\n",
        [
            "line 2, column method: method is 'bitcoin'; one of: visa, mastercard, discover, "
            "cash-exact, check",
            "line 3, column amount: amount 60.00 is more than the 50.00 case 'OLD-2026-0412' "
            "still owes in fees",
        ],
        id="a method and an amount the case does not allow",
    ),
    pytest.param(
        "permits",
        PERMITS + "clayton-mo,CM-2035-1,19J410033,,2035-01-02,\n",
        [
            "line 2, column issued_on: issued_on 2035-01-02 is after today (2026-11-18 in "
            "clayton-mo): a permit in force was issued on or before today (rule: no date after "
            "today)"
        ],
        id="an issue date in the future",
    ),
    pytest.param(
        "permits",
        PERMITS + "clayton-mo,CM-1,19J410033,,2024-03-01,2030-03-01\n",
        [
            "line 2, column ends_on: ends_on 2030-03-01 is not 2029-03-01, the end by "
            "permit_term: 5 years from the date of issue"
        ],
        id="an end date the term does not give",
    ),
    pytest.param(
        "permits",
        PERMITS + "clayton-mo,CM-1,19J410033,,2019-03-01,\n",
        ["line 2, column issued_on: the permit ended on 2024-03-01 by permit_term: 5 years"],
        id="a permit whose term is over",
    ),
    pytest.param(
        "permits",
        PERMITS + "clayton-mo,CM-1,18K310142,,2024-03-01,\n",
        [
            "line 2, column number: the unit already has permit CM-2023-0815 in force: never two "
            "in force on one unit"
        ],
        id="a second permit in force on a unit",
    ),
    pytest.param(
        "parties",
        "jurisdiction,source_ref,kind,name,case_ref\n"
        "clayton-mo,N-1,owner,Ann Lee,OLD-2026-0412\n"
        "clayton-mo,N-1,owner,Ann Leigh,OLD-2026-0417\n"
        "clayton-mo,N-1,owner,Ann Lee,OLD-2026-0412\n"
        "clayton-mo,N-2,landlord,Bo Lee,OLD-2026-0404\n",
        [
            "line 3, column source_ref: party 'N-1' has other details than at line 2",
            "line 4, column case_ref: source_ref 'N-1', case_ref 'OLD-2026-0412' is in the file "
            "twice: first at line 2; a party is named once on a case",
            "line 5, column kind: kind is 'landlord'; one of: owner",
            "line 5, column case_ref: no case 'OLD-2026-0404' was imported in clayton-mo",
        ],
        id="a party given twice with other details, an unknown kind and case",
    ),
    pytest.param(
        "cases",
        "jurisdiction,case_ref,parcel_id,unit_label,trigger,submitted_on\n"
        "clayton-mo,OLD-2026-0412,18K320221,2B,sale,2026-11-02\n",
        ["line 2, column case_ref: case 'OLD-2026-0412' was imported before with other values"],
        id="a case imported before, changed",
    ),
]


def _matches(report: Report, expected: list[str]) -> None:
    found = [str(p) for p in report.problems]
    assert len(found) == len(expected), found
    for said, wanted in zip(found, expected, strict=True):
        assert said.startswith(wanted), said


@pytest.fixture
def world(samples: dict[str, Report]) -> None:
    """The sample files imported, and a parcel of St. Louis County."""
    factories.unit("st-louis-county-mo", parcel="SLC-1")


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "real run"])
@pytest.mark.parametrize(("kind", "text", "expected"), CASES)
def test_every_problem_is_named_and_nothing_is_written(
    world: None, importer: Importer, kind: str, text: str, expected: list[str], dry_run: bool
) -> None:
    with writes_nothing():
        report = importer(kind, text, dry_run=dry_run)
    _matches(report, expected)
    assert not report.written
    assert report.lines()[-1].startswith("dry run" if dry_run else "refused")


def test_one_bad_row_refuses_the_whole_file(world: None, importer: Importer) -> None:
    text = PROPERTIES + "clayton-mo,N-1,1 Elm,Clayton,MO\nclayton-mo,N-2,2 Elm,Clayton,M0\n"
    with writes_nothing():
        report = importer("properties", text)
    assert (report.read, report.created, report.refused) == (2, 1, 1)
    assert not Property.objects.filter(parcel_id="N-1").exists()


def test_a_dry_run_counts_what_it_would_write(world: None, importer: Importer) -> None:
    text = (
        PROPERTIES
        + "clayton-mo,N-1,1 Elm,Clayton,MO\nclayton-mo,18K310142,8 N Brentwood Blvd,Clayton,MO\n"
    )
    with writes_nothing():
        report = importer("properties", text, dry_run=True)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert report.lines() == [
        "properties: rows read 2, created 1, updated 1, unchanged 0, refused 0",
        "dry run: nothing written",
    ]
