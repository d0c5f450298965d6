"""A sales file sent from the staff leads page: the dry run lists the counts (and every
problem with its line and column) and writes nothing; the clerk's confirmation imports and
matches it, once; only the jurisdiction's clerk or code official may."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from permitdesk.audit.models import AuditEvent
from permitdesk.discovery.models import ChangeEvidence
from tests import factories
from tests.discovery.conftest import HEADER, County, row

pytestmark = pytest.mark.django_db

PAGE = "/staff/st-louis-county-mo/leads/sales-file/"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # where the files wait between the two steps


def csv(*rows: str, name: str = "sales.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *rows]) + "\n").encode(), "text/csv")


@pytest.fixture
def clerk(county: County) -> Client:
    client = Client()
    client.force_login(county.clerk)
    return client


def held() -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "sales-imports").glob("st-louis-county-mo-*"))


def test_the_leads_page_links_to_the_sales_file_page(clerk: Client) -> None:
    page = clerk.get("/staff/st-louis-county-mo/leads/").content.decode()
    assert f'href="{PAGE}"' in page
    assert "Check the file" in clerk.get(PAGE).content.decode()


def test_the_dry_run_counts_the_rows_and_writes_nothing_then_the_import_matches(
    clerk: Client,
) -> None:
    sent = csv(row(), row(parcel="0033", address="77 Oak Ave", zip_code="63119"))
    checked = clerk.post(PAGE, {"file": sent})
    page = checked.content.decode()
    assert checked.status_code == 200
    assert "Checked: ready to import" in page
    assert "New sales: 2" in page
    assert "Import the 2 rows" in page
    assert not ChangeEvidence.objects.exists()
    token = checked.context["checked"].token
    imported = clerk.post(PAGE, {"step": "import", "token": token}, follow=True)
    assert imported.redirect_chain[-1][0] == "/staff/st-louis-county-mo/leads/"
    said = imported.content.decode()
    assert "Sales file imported: 2 rows read, 2 new" in said
    assert "Matched by parcel id 2, by address 0" in said
    assert set(ChangeEvidence.objects.values_list("match", flat=True)) == {"parcel"}
    assert AuditEvent.objects.filter(action="discovery.sale-recorded").count() == 2
    assert not [p for p in held() if token in p.name]  # removed once imported
    again = clerk.post(PAGE, {"step": "import", "token": token})
    assert again.status_code == 404  # imported once
    assert ChangeEvidence.objects.count() == 2


def test_a_file_with_a_bad_row_names_its_line_and_column_and_offers_no_import(
    clerk: Client,
) -> None:
    checked = clerk.post(
        PAGE, {"file": csv(row(), row(recorded="2026-13-01"), row(grantee="Bo Buyer", deed="gift"))}
    )
    page = checked.content.decode()
    assert checked.status_code == 422
    assert "The file cannot be imported" in page
    assert "Line 3, column “recorded_on”" in page
    assert "Line 4, column “deed_type”" in page
    assert "Rows with a problem: 2" in page
    assert "Import the" not in page
    assert not ChangeEvidence.objects.exists()


def test_a_file_not_named_csv_is_refused_beside_the_field(clerk: Client) -> None:
    checked = clerk.post(PAGE, {"file": csv(row(), name="sales.xlsx")})
    assert checked.status_code == 422
    assert "sales.xlsx is not a CSV file" in checked.content.decode()
    assert not ChangeEvidence.objects.exists()


def test_a_made_up_token_is_not_found(clerk: Client) -> None:
    assert clerk.post(PAGE, {"step": "import", "token": "../../etc/passwd"}).status_code == 404
    assert clerk.post(PAGE, {"step": "import", "token": "A" * 22}).status_code == 404


def test_another_clerks_file_is_not_theirs_to_import(county: County, clerk: Client) -> None:
    token = clerk.post(PAGE, {"file": csv(row())}).context["checked"].token
    other = factories.user("stl-clerk-2", "clerk", "st-louis-county-mo")
    client = Client()
    client.force_login(other)
    assert client.post(PAGE, {"step": "import", "token": token}).status_code == 404
    assert not ChangeEvidence.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("inspector", 403), ("elsewhere", 404)])
def test_only_the_jurisdictions_desk_sends_a_sales_file(
    county: County, who: str, status: int
) -> None:
    user = (
        county.inspector
        if who == "inspector"
        else factories.user("clayton-clerk-x", "clerk", "clayton-mo")
    )
    client = Client()
    client.force_login(user)
    assert client.post(PAGE, {"file": csv(row())}).status_code == status
    assert not ChangeEvidence.objects.exists()
