"""The uploaded copies of owners' filings, served back: the village's signed written disclosure
and the buyer's notarized acknowledgement of Clayton's prior-to-sale notice. The property's
owner and the jurisdiction's clerks and code officials read them; anyone else, and a filing with
nothing uploaded, is told it is not found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from permitdesk.accounts.models import Role
from permitdesk.filings.services import upload_buyer_acknowledgement
from tests import factories
from tests.correspondence.conftest import pdf
from tests.factories.photos import PNG
from tests.filings.test_filing_services import acknowledgement, building, disclose, house, notify

pytestmark = pytest.mark.django_db

NOW = factories.MONDAY


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()


def _get(user: Any, url: str) -> Any:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_the_owner_and_the_desk_read_the_buyers_acknowledgement(who: factories.People) -> None:
    notice = notify(who.owner, building(who))
    data = pdf()
    upload_buyer_acknowledgement(
        actor=who.owner, notice=notice, upload=acknowledgement(data), now=NOW
    )
    url = reverse("web:sale-notice-document", args=[notice.pk])
    for reader in (who.owner, who.clerk, who.official):
        answer = _get(reader, url)
        assert answer.status_code == 200, reader.username
        assert b"".join(answer.streaming_content) == data
        assert answer["Content-Type"] == "application/pdf"
        assert "notarized.pdf" in answer["Content-Disposition"]
    for stranger in (who.other, who.inspector, who.clerk_elsewhere):
        assert _get(stranger, url).status_code == 404, stranger.username
    assert _get(None, url).status_code == 302  # sent to sign in


def test_the_signed_disclosure_is_linked_from_the_property_and_the_staff_list(
    who: factories.People,
) -> None:
    unit = house(who)
    disclosure = disclose(who.owner, unit, signed_copy=acknowledgement(PNG, "signed.png"))
    url = reverse("web:disclosure-document", args=[disclosure.pk])
    owner_page = _get(who.owner, reverse("web:property", args=[unit.property_id]))
    assert url in owner_page.content.decode()
    village_clerk = factories.user("v-clerk", Role.CLERK, factories.VILLAGE)
    staff_page = _get(
        village_clerk, reverse("web:staff-owner-filings", args=[unit.property.jurisdiction.slug])
    )
    assert url in staff_page.content.decode()
    answer = _get(village_clerk, url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PNG
    assert answer["Content-Type"] == "image/png"
    assert _get(who.clerk, url).status_code == 404  # Clayton's clerk: another jurisdiction


def test_a_filing_with_nothing_uploaded_has_no_document(who: factories.People) -> None:
    disclosure = disclose(who.owner, house(who))
    notice = notify(who.owner, building(who))
    assert (
        _get(who.owner, reverse("web:disclosure-document", args=[disclosure.pk])).status_code == 404
    )
    assert _get(who.owner, reverse("web:sale-notice-document", args=[notice.pk])).status_code == 404
    assert _get(who.owner, reverse("web:sale-notice-document", args=[99999])).status_code == 404
