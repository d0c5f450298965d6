"""A small piece of St. Louis County for the discovery tests: four properties (one a
two-unit condominium), its clerk, and a helper that imports a sales CSV written for a test
and matches it, as `manage.py import_sales` does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from permitdesk.discovery.keys import refresh_place_keys
from permitdesk.discovery.matching import match_pending
from permitdesk.discovery.sales import KIND
from permitdesk.imports.pipeline import Report, run
from permitdesk.records.models import Jurisdiction, Property, Unit
from tests import factories
from tests.moments import central

COUNTY = "st-louis-county-mo"
NOW = central("2026-11-18 10:00")
HEADER = "parcel_id,situs_address,unit,recorded_on,deed_type,grantor,grantee,price,mailing_address,situs_zip,grantee_email"
PLACES = [  # parcel, address, zip, unit type, unit labels
    ("21K-34-0012", "123 North Main Street", "63105", "single-family", [""]),
    ("21K340045", "45 Pine Rd", "63117", "condo", ["1A", "2B"]),
    ("0033", "77 Oak Ave", "63119", "single-family", [""]),
    ("19J-22-0101", "12 Elm Street", "63122", "single-family", [""]),
    ("19J-22-0200", "900 Lakeview Dr", "63122", "apartment", ["1", "2", "3", "4"]),
]


@dataclass
class County:
    jurisdiction: Jurisdiction
    clerk: User
    official: User
    inspector: User
    units: dict[str, Unit]  # "123 North Main Street" or "45 Pine Rd 1A"
    crew: dict[str, User]


def row(
    parcel: str = "21K-34-0012",
    address: str = "123 North Main Street",
    unit: str = "",
    recorded: str = "2026-09-01",
    deed: str = "warranty",
    grantee: str = "Ann Buyer",
    mailing: str = "123 N Main St, St. Louis, MO 63105",
    zip_code: str = "63105",
    email: str = "ann@example.test",
) -> str:
    return f'{parcel},{address},{unit},{recorded},{deed},Sam Seller,{grantee},250000,"{mailing}",{zip_code},{email}'


@pytest.fixture
def county(db: None) -> County:
    place = factories.jurisdiction(COUNTY)
    crew = factories.staff(COUNTY)
    units = {}
    for parcel, address, zip_code, kind, labels in PLACES:
        prop = Property.objects.create(
            jurisdiction=place,
            parcel_id=parcel,
            address=address,
            normalized_address=address.upper(),
            city="St. Louis",
            state="MO",
            zip_code=zip_code,
        )
        for label in labels:
            units[f"{address} {label}".strip()] = Unit.objects.create(
                property=prop, label=label, unit_type=kind, units_in_building=len(labels)
            )
    refresh_place_keys(jurisdiction=place, actor=None, now=NOW)
    return County(place, crew["clerk"], crew["code-official"], crew["inspector"], units, crew)


Importer = Callable[..., Report]


@pytest.fixture
def import_sales(county: County, tmp_path: Path) -> Importer:
    """import_sales(*rows, dry_run=False, now=NOW, header=HEADER): the pipeline's report; a
    file written is matched, as the command does."""

    def import_(
        *rows: str, dry_run: bool = False, now: dt.datetime = NOW, header: str = HEADER
    ) -> Report:
        path = tmp_path / "sales.csv"
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        report = run(
            KIND,
            path,
            actor_username=county.clerk.username,
            now=now,
            jurisdiction=COUNTY,
            dry_run=dry_run,
        )
        if report.written:
            match_pending(jurisdiction=county.jurisdiction, actor=county.clerk, now=now)
        return report

    return import_
