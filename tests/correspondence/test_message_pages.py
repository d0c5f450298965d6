"""The messages pages: the applicant writes with documents, the desk replies from the staff
page; documents download only for the case's applicant and its jurisdiction's staff."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from permitdesk.correspondence.models import Attachment, Message
from tests import factories
from tests.correspondence.conftest import pdf

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_applicant_sends_a_lease_and_the_desk_replies(who: factories.People) -> None:
    case = factories.submitted(who)
    owner = signed_in(who.owner)
    sent = owner.post(
        f"/cases/{case.pk}/messages/",
        {
            "body": "The signed lease.",
            "kind": "lease",
            "documents": [SimpleUploadedFile("lease.pdf", pdf(), "application/pdf")],
        },
    )
    assert sent.status_code == 302
    document = Attachment.objects.get()
    url = f"/cases/{case.pk}/documents/{document.pk}/"
    page = owner.get(f"/cases/{case.pk}/messages/").content.decode()
    assert "The signed lease." in page
    assert f'href="{url}"' in page
    download = owner.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert 'filename="lease.pdf"' in download["Content-Disposition"]

    clerk = signed_in(who.clerk)
    assert "The signed lease." in clerk.get(f"/staff/cases/{case.pk}/messages/").content.decode()
    assert clerk.get(url).status_code == 200
    replied = clerk.post(
        f"/staff/cases/{case.pk}/messages/", {"body": "Received, thank you.", "kind": "other"}
    )
    assert replied.status_code == 302
    assert Message.objects.filter(from_staff=True).count() == 1
    assert "Received, thank you." in owner.get(f"/cases/{case.pk}/messages/").content.decode()


def test_a_document_that_is_not_what_it_says_is_refused_beside_the_field(
    who: factories.People,
) -> None:
    case = factories.submitted(who)
    response = signed_in(who.owner).post(
        f"/cases/{case.pk}/messages/",
        {
            "body": "x",
            "kind": "lease",
            "documents": [SimpleUploadedFile("lease.pdf", b"GIF89a....", "application/pdf")],
        },
    )
    assert response.status_code == 422
    assert "is not a PDF, PNG or JPEG file" in str(response.context["form"].errors["documents"])
    assert not Message.objects.exists()


def test_documents_are_not_found_by_anyone_else(who: factories.People) -> None:
    case = factories.submitted(who)
    signed_in(who.owner).post(
        f"/cases/{case.pk}/messages/",
        {
            "body": "Lease",
            "kind": "lease",
            "documents": [SimpleUploadedFile("l.pdf", pdf(), "application/pdf")],
        },
    )
    url = f"/cases/{case.pk}/documents/{Attachment.objects.get().pk}/"
    for person in (who.other, who.clerk_elsewhere):
        assert signed_in(person).get(url).status_code == 404
        assert signed_in(person).get(f"/cases/{case.pk}/messages/").status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    assert signed_in(who.owner).get(f"/cases/{case.pk}/documents/999999/").status_code == 404
