"""Matching in the database: by parcel id in any of its spellings, then by address, then a
near match to review (never a guess); the unit; and a number of statements that does not
grow with the file."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from permitdesk.discovery.matching import match_pending
from permitdesk.discovery.models import ChangeEvidence
from tests.discovery.conftest import NOW, County, Importer, row

M = ChangeEvidence.Match

# (parcel, address, unit, zip, expected match, the unit or property it lands on)
CASES = [
    ("21K340012", "123 N Main St", "", "63105", M.PARCEL, "123 North Main Street"),
    ("21k-34-0012", "123 North Main Street", "", "63105", M.PARCEL, "123 North Main Street"),
    ("", "123 N. MAIN ST.", "", "63105", M.ADDRESS, "123 North Main Street"),
    ("", "0123 North Main Street", "", "", M.ADDRESS, "123 North Main Street"),
    ("33", "77 Oak Avenue", "", "63119", M.PARCEL, "77 Oak Ave"),
    ("", "45 Pine Road", "#2-b", "63117", M.ADDRESS, "45 Pine Rd 2B"),
    ("21K-34-0045", "45 Pine Rd Apt 1A", "", "63117", M.PARCEL, "45 Pine Rd 1A"),
    ("", "123 N Mian St", "", "63105", M.REVIEW, None),  # a typo: to review
    # A parcel whose house number disagrees: the address decides where it names one property,
    # else the parcel is only a candidate for review.
    ("19J-22-0101", "123 N Main St", "", "63105", M.ADDRESS, "123 North Main Street"),
    ("19J-22-0101", "21 Elm Street", "", "63122", M.REVIEW, None),
    ("", "5000 Nowhere Blvd", "", "63105", M.UNMATCHED, None),
]


@pytest.mark.parametrize(("parcel", "address", "unit", "zip_code", "match", "lands"), CASES)
def test_a_sale_is_matched_by_parcel_then_address_and_a_near_match_is_reviewed(
    county: County,
    import_sales: Importer,
    parcel: str,
    address: str,
    unit: str,
    zip_code: str,
    match: str,
    lands: str | None,
) -> None:
    import_sales(row(parcel=parcel, address=address, unit=unit, zip_code=zip_code))
    sale = ChangeEvidence.objects.get()
    assert sale.match == match
    if lands is not None:
        assert sale.unit == county.units[lands]
    else:
        assert sale.unit is None


def test_a_near_match_names_its_candidate_and_score(county: County, import_sales: Importer) -> None:
    import_sales(row(parcel="", address="123 N Mian St"))
    sale = ChangeEvidence.objects.get()
    assert sale.candidate == county.units["123 North Main Street"].property
    assert sale.match_score is not None
    assert 80 <= sale.match_score < 100
    assert sale.property is None  # no lead can come of it before a person confirms it


def test_a_building_sold_without_a_unit_number_is_the_whole_property(
    county: County, import_sales: Importer
) -> None:
    import_sales(row(parcel="19J-22-0200", address="900 Lakeview Dr", zip_code="63122"))
    sale = ChangeEvidence.objects.get()
    assert sale.match == M.PARCEL
    assert sale.unit is None
    assert sale.property == county.units["900 Lakeview Dr 1"].property
    assert sale.covered is False  # St. Louis County: houses, duplexes and condos only


def test_a_condo_is_covered_and_an_apartment_is_not(county: County, import_sales: Importer) -> None:
    import_sales(
        row(parcel="", address="45 Pine Rd", unit="1A", zip_code="63117"),
        row(parcel="", address="900 Lakeview Dr", unit="2", zip_code="63122", grantee="B"),
    )
    covered = dict(ChangeEvidence.objects.values_list("address", "covered"))
    assert covered == {"45 Pine Rd": True, "900 Lakeview Dr": False}


def test_matching_takes_the_same_statements_for_5_rows_as_for_60(
    county: County, import_sales: Importer
) -> None:
    def statements(n: int, start: int) -> int:
        rows = [
            row(parcel="", address=a, recorded="2026-09-01", grantee=f"Buyer {start + i}")
            for i, a in enumerate(
                ["123 N Main St", "45 Pine Rd", "77 Oak Av", "12 Elm St", "5 Nowhere Ln"] * (n // 5)
            )
        ]
        import_sales(*rows, dry_run=False)  # written and matched; then match a fresh batch
        ChangeEvidence.objects.update(match=M.PENDING, property=None, unit=None, candidate=None)
        with CaptureQueriesContext(connection) as seen:
            match_pending(jurisdiction=county.jurisdiction, actor=county.clerk, now=NOW)
        ChangeEvidence.objects.all().delete()
        return len(seen.captured_queries)

    assert statements(5, 0) == statements(60, 100)
