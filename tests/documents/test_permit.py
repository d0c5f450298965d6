"""The permit PDF, read back: number, unit, kind, occupants as each jurisdiction requires them,
dates and the sentence that ends it, and a QR code that encodes the verification page."""

from __future__ import annotations

import pytest
from django.conf import settings
from PIL import Image, ImageChops
from pytest_django.fixtures import Settings

from permitdesk.cases.models import Permit
from permitdesk.cases.services import permit_amendments
from permitdesk.documents import render_attachment
from permitdesk.documents.layout import qr_png
from permitdesk.documents.permit import verify_url
from tests import factories
from tests.documents.pdf import images, page_texts, text
from tests.factories import paperwork
from tests.moments import central

pytestmark = pytest.mark.django_db


def rendered(permit: Permit) -> str:
    name, data = render_attachment("permit", permit.pk)
    assert name == f"permit-{permit.number}.pdf"
    return text(data)


def test_the_qr_payload_is_the_public_verification_page(settings: Settings) -> None:
    settings.PUBLIC_URL = "https://permits.example.gov"
    permit = Permit(verification_token="tok-123_abc")
    assert verify_url(permit) == "https://permits.example.gov/verify/tok-123_abc/"


def _pixels(image: Image.Image) -> Image.Image:
    return image.convert("L")


def test_the_permits_qr_image_is_the_code_of_its_verification_url() -> None:
    permit = paperwork.clayton_permit(factories.people())
    _, data = render_attachment("permit", permit.pk)
    (code,) = images(data)
    expected = _pixels(Image.open(qr_png(verify_url(permit))))
    assert code.size == expected.size
    assert ImageChops.difference(_pixels(code), expected).getbbox() is None
    other = _pixels(Image.open(qr_png(f"{settings.PUBLIC_URL}/verify/someone-else/")))
    assert ImageChops.difference(_pixels(code), other).getbbox() is not None


def test_a_clayton_permit_names_every_tenant_and_ends_after_five_years_or_a_change_of_tenancy() -> (
    None
):
    permit = paperwork.clayton_permit(factories.people())
    printed = rendered(permit)
    assert "CITY OF CLAYTON, MISSOURI Occupancy Permit" in printed
    assert f"Permit number {permit.number}" in printed
    assert "Kind Standard" in printed
    assert "Address 10 N Central Ave Clayton, MO 63105" in printed
    assert "Issued November 18, 2026" in printed
    assert "Ends November 18, 2031" in printed
    # Names only (first and last, children and unrelated residents included): no ages column.
    assert "# Name 1 Ada Tenant 2 Ben Tenant 3 Zoë Lukasz ?" in printed
    assert "Age" not in printed
    assert "Number of occupants" not in printed
    assert "first and last name of each tenant, including children and unrelated residents" in (
        printed
    )
    assert "Ends 5 years after the original date of issue, on November 18, 2031." in printed
    assert "five years after the original date of issue" in printed
    assert "Ends upon a change in tenancy" in printed
    assert "terminate upon a change in tenancy" in printed
    assert f"{settings.PUBLIC_URL}/verify/{permit.verification_token}/" in printed.replace(" ", "")


def test_a_village_permit_states_names_ages_relationships_and_number() -> None:
    permit = paperwork.village_permit(factories.people("village-ord-08-457"))
    printed = rendered(permit)
    assert "# Name Age Relationship" in printed
    assert "1 Dana Buyer 41 head of household 2 Eli Buyer 12 son" in printed
    assert "Number of occupants 2" in printed
    assert "§1.C Content Of Occupancy Permit" in printed
    assert "sets no end date for this permit" in printed
    assert "Ends No fixed date" in printed


def test_a_st_louis_county_permit_names_the_occupants_given_within_120_days() -> None:
    permit = paperwork.st_louis_permit(factories.people("st-louis-county-mo"))
    printed = rendered(permit)
    assert "ST. LOUIS COUNTY" in printed
    assert "1 Gus Purchaser" in printed
    assert "Relationship" not in printed
    assert "¶8 — 120 days from the date of compliance" in printed


def test_st_clairs_temporary_permit_allows_no_one_in_and_shows_it_ended_with_the_certificate() -> (
    None
):
    temporary, certificate = paperwork.st_clair_permits(factories.people("st-clair-county-il"))
    printed = rendered(temporary)
    assert "Temporary Occupancy Permit" in printed
    assert "This temporary permit does not authorize any person to occupy the premises." in printed
    assert "shall not authorize any person to occupy" in printed
    assert "Expires upon the issuance of a certificate of occupancy" in printed
    assert "Ends When a certificate of occupancy is issued" in printed
    assert "ENDED on November 18, 2026: certificate of occupancy issued" in printed
    assert "Occupants" not in printed
    standard = rendered(certificate)
    assert "Evidence shown lease" in standard
    assert "1 Hal Renter" in standard
    assert "ENDED" not in standard


def test_the_villages_conditional_permit_gives_its_correction_date() -> None:
    _, permit = paperwork.village_conditional(factories.people("village-ord-08-457"))
    printed = rendered(permit)
    assert "Temporary Conditional Occupancy Permit" in printed
    assert "Correct by December 31, 2026" in printed
    assert "will be corrected by December 31, 2026" in printed
    assert "§1.E" in printed
    assert "notifies the Village Clerk when the repairs are completed" in printed


def test_an_amended_permit_names_the_permit_it_superseded_and_keeps_its_end() -> None:
    who = factories.people()
    original = paperwork.clayton_permit(who)
    amended = permit_amendments.amend_permit(
        actor=who.clerk, application=original.application, now=central("2026-12-01 10:00")
    )
    printed = rendered(amended)
    assert "Amended Occupancy Permit" in printed
    assert f"Amends Permit {original.number}, superseded" in printed
    assert "Ends November 18, 2031" in printed
    superseded = rendered(original)
    assert "ENDED on December 1, 2026: superseded by an amended permit" in superseded


def test_a_permit_is_one_page_and_renders_the_same_bytes_twice() -> None:
    permit = paperwork.clayton_permit(factories.people())
    first = render_attachment("permit", permit.pk)[1]
    assert len(page_texts(first)) == 1
    assert render_attachment("permit", permit.pk)[1] == first


def test_an_unknown_kind_or_object_is_a_lookup_error() -> None:
    with pytest.raises(LookupError, match="kind 'invoice' is not one of: permit"):
        render_attachment("invoice", 1)
    with pytest.raises(LookupError):
        render_attachment("permit", 999_999)
