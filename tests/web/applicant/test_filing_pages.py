"""The owner's filing pages (issue 21): the village's disclosure form as a PDF with the
ordinance's sentence and signature lines, the record of its receipt with the signed copy, a
refused field beside its input with nothing stored; Clayton's prior-to-sale notice refused
for a small building, flagged late when short, and the buyer's acknowledgement uploaded;
the staff page flags what is late or missing. Another person's property is 404."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from permitdesk.filings.models import PriorToSaleNotice, WrittenDisclosure
from tests import factories
from tests.api.client import Clock
from tests.correspondence.conftest import pdf
from tests.moments import central

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def owner(client: Client, monkeypatch: pytest.MonkeyPatch) -> User:
    Clock(monkeypatch).set(central("2026-11-16 11:00"))
    person = factories.user("owner")
    client.force_login(person)
    return person


def test_the_disclosure_form_prints_the_ordinances_sentence(client: Client, owner: User) -> None:
    house = factories.unit(factories.VILLAGE, parcel="V-7", owner=owner)
    got = client.get(f"/properties/{house.property_id}/units/{house.pk}/disclosure.pdf")
    assert got["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(got.content)).pages[0].extract_text()
    for words in (
        "Occupancy and re-occupancy permits are required",
        "10 N Central Ave",
        "Received by (buyer or renter)",
        "Signature",
        "§1.A",
    ):
        assert words in text, words


def test_a_clayton_unit_has_no_disclosure_form(client: Client, owner: User) -> None:
    home = factories.unit("clayton-mo", parcel="C-7", owner=owner)
    got = client.get(f"/properties/{home.property_id}/units/{home.pk}/disclosure.pdf")
    assert got.status_code == 404


def test_a_disclosure_is_recorded_with_its_signed_copy(
    client: Client, owner: User, media: Path
) -> None:
    house = factories.unit(factories.VILLAGE, parcel="V-8", owner=owner)
    path = f"/properties/{house.property_id}/units/{house.pk}/disclosures/new/"
    form = {
        "occasion": "conveyance",
        "disclosed_by": "Olive Owner",
        "discloser_role": "owner",
        "received_by": "Bea Buyer",
        "received_on": "2026-12-01",  # not yet: refused beside the date
    }
    refused = client.post(path, form)
    assert refused.status_code == 422
    assert "The date 2026-12-01 is out of range" in refused.content.decode()
    assert WrittenDisclosure.objects.count() == 0
    signed = SimpleUploadedFile("signed.pdf", pdf(), content_type="application/pdf")
    done = client.post(path, {**form, "received_on": "2026-11-10", "signed_copy": signed})
    assert done.status_code == 302
    made = WrittenDisclosure.objects.get()
    assert (made.received_by, made.content_type) == ("Bea Buyer", "application/pdf")
    page = client.get(f"/properties/{house.property_id}/").content.decode()
    assert "disclosed by Olive Owner (Seller or landlord) to Bea Buyer" in page


def test_a_prior_to_sale_notice_is_refused_for_a_small_building(
    client: Client, owner: User
) -> None:
    duplex = factories.unit("clayton-mo", "duplex", units_in_building=2, parcel="C-2", owner=owner)
    got = client.post(
        f"/properties/{duplex.property_id}/sale-notices/new/",
        {"disposal": "sale", "planned_on": "2027-01-30", "buyer_name": "Bea Buyer"},
    )
    assert got.status_code == 422
    assert "a building of 3 or more units" in got.content.decode()
    assert PriorToSaleNotice.objects.count() == 0


def test_a_short_notice_is_flagged_and_the_acknowledgement_uploaded(
    client: Client, owner: User
) -> None:
    flats = factories.unit(
        "clayton-mo", "apartment", units_in_building=8, parcel="C-8", owner=owner
    )
    place = flats.property
    got = client.post(
        f"/properties/{place.pk}/sale-notices/new/",
        {"disposal": "mortgage", "planned_on": "2026-12-01", "buyer_name": "First Bank"},
        follow=True,
    )
    page = got.content.decode()
    assert "It is late: the mortgage may not lawfully take place before December 16, 2026" in page
    notice = PriorToSaleNotice.objects.get()
    notice.open_violations = 2  # as if two violations were open when it was filed
    notice.save()
    path = f"/properties/{place.pk}/sale-notices/{notice.pk}/acknowledgement/"
    bad = client.post(path, {"acknowledgement": SimpleUploadedFile("a.pdf", b"MZ")})
    assert bad.status_code == 422
    assert "is not a PDF, PNG or JPEG file" in bad.content.decode()
    good = client.post(path, {"acknowledgement": SimpleUploadedFile("ack.pdf", pdf())})
    assert good.status_code == 302
    notice.refresh_from_db()
    assert (notice.needs_acknowledgement, notice.original_name) == (False, "ack.pdf")


def test_staff_see_late_notices_and_missing_acknowledgements(client: Client, owner: User) -> None:
    flats = factories.unit(
        "clayton-mo", "apartment", units_in_building=8, parcel="C-9", owner=owner
    )
    client.post(
        f"/properties/{flats.property_id}/sale-notices/new/",
        {"disposal": "sale", "planned_on": "2026-12-01", "buyer_name": "Bea Buyer"},
    )
    PriorToSaleNotice.objects.update(open_violations=1)
    clerk = factories.user("clayton-clerk", "clerk", "clayton-mo")
    client.force_login(clerk)
    page = client.get("/staff/clayton-mo/owner-filings/").content.decode()
    assert "Bea Buyer" in page
    assert "not before Dec 16, 2026" in page
    assert ">Missing</span>" in page
    other = factories.user("other")
    client.force_login(other)
    assert client.get(f"/properties/{flats.property_id}/sale-notices/new/").status_code == 404
