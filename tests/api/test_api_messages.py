"""A case's messages over the API: the thread a page at a time, a message sent as
multipart/form-data with documents checked by their content (correspondence.checks), and a
document downloaded by the case's people only; each refusal names its field and writes
nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from permitdesk.correspondence.models import Attachment, Message
from tests.api.client import Api, Clock
from tests.correspondence.conftest import pdf, png
from tests.factories import MONDAY, people, scheduled
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def lease() -> SimpleUploadedFile:
    return SimpleUploadedFile("lease.pdf", pdf(), content_type="application/pdf")


def test_the_applicant_sends_a_lease_and_the_clerk_reads_and_downloads_it(clock: Clock) -> None:
    clock.set(MONDAY)
    who = people()
    case, _ = scheduled(who)
    owner, clerk = Api(who.owner), Api(who.clerk)
    with writes_one_event("send-message", ("case-message-to-division",)):
        status, sent = owner.post_form(
            f"/applications/{case.pk}/messages",
            {"body": "The signed lease.", "kind": "lease", "documents": [lease()]},
        )
    assert status == 201, sent
    assert (sent["application"], sent["from_staff"], sent["body"]) == (
        case.pk,
        False,
        "The signed lease.",
    )
    [document] = sent["documents"]
    assert (document["kind"], document["name"], document["content_type"]) == (
        "lease",
        "lease.pdf",
        "application/pdf",
    )
    status, page = clerk.get(f"/applications/{case.pk}/messages")
    assert status == 200
    assert ([m["id"] for m in page["items"]], page["next"]) == ([sent["id"]], None)
    status, kind, data = clerk.download(f"/applications/{case.pk}/documents/{document['id']}")
    assert (status, kind, data) == (200, "application/pdf", pdf())


def test_the_desk_writes_to_the_applicant_who_is_e_mailed(clock: Clock) -> None:
    clock.set(MONDAY)
    who = people()
    case, _ = scheduled(who)
    clerk = Api(who.clerk)
    with writes_one_event("send-message", ("case-message",)):
        status, sent = clerk.post_form(
            f"/applications/{case.pk}/messages", {"body": "Please send the tenant list."}
        )
    assert status == 201, sent
    assert (sent["from_staff"], sent["author"], sent["documents"]) == (
        True,
        "the building division",
        [],
    )


def test_the_thread_comes_a_page_at_a_time_oldest_first(clock: Clock) -> None:
    clock.set(MONDAY)
    who = people()
    case, _ = scheduled(who)
    owner = Api(who.owner)
    sent = [
        owner.post_form(f"/applications/{case.pk}/messages", {"body": f"note {n}"})[1]["id"]
        for n in range(3)
    ]
    first = owner.get(f"/applications/{case.pk}/messages", limit=2)[1]
    rest = owner.get(f"/applications/{case.pk}/messages", limit=2, after=first["next"])[1]
    assert [m["id"] for m in first["items"] + rest["items"]] == sent
    assert rest["next"] is None


def _text_as_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("lease.pdf", b"not a pdf at all", content_type="application/pdf")


def _broken_png() -> SimpleUploadedFile:
    return SimpleUploadedFile("id.png", png()[:20], content_type="image/png")


# (who, the form) → (status, the field named)
REFUSALS = [
    pytest.param("owner", {"body": "  "}, 409, "body", id="nothing written or attached"),
    pytest.param("owner", {"body": "x" * 5001}, 422, "body", id="a message too long"),
    pytest.param("owner", {"documents": [_text_as_pdf()]}, 409, "documents", id="text named .pdf"),
    pytest.param("owner", {"documents": [_broken_png()]}, 409, "documents", id="a broken PNG"),
    pytest.param(
        "owner",
        {"documents": [lease() for _ in range(6)]},
        409,
        "documents",
        id="six documents at once",
    ),
    pytest.param(
        "owner", {"body": "x", "kind": "passport"}, 422, "kind", id="a kind that is not one"
    ),
    pytest.param("inspector", {"body": "on my way"}, 403, None, id="the assigned inspector"),
    pytest.param("other", {"body": "hello"}, 404, None, id="another applicant"),
    pytest.param("clerk_elsewhere", {"body": "hello"}, 404, None, id="another county's clerk"),
]


@pytest.mark.parametrize(("role", "form", "status", "field"), REFUSALS)
def test_a_refused_message_names_its_field_and_writes_nothing(
    clock: Clock, role: str, form: dict[str, Any], status: int, field: str | None
) -> None:
    clock.set(MONDAY)
    who = people()
    case, _ = scheduled(who)
    caller = Api(who.roles()[role])
    with writes_nothing():
        found, answer = caller.post_form(f"/applications/{case.pk}/messages", form)
    assert found == status, answer
    if status == 409:
        assert answer["field"] == field
    elif status == 422:
        assert [e["loc"][-1] for e in answer["detail"]] == [field]
    else:
        assert answer["detail"]


def test_only_the_cases_people_read_the_thread_and_its_documents(clock: Clock) -> None:
    clock.set(MONDAY)
    who = people()
    case, _ = scheduled(who)
    Api(who.owner).post_form(
        f"/applications/{case.pk}/messages", {"body": "lease", "documents": [lease()]}
    )
    document = Attachment.objects.get()
    thread = f"/applications/{case.pk}/messages"
    file = f"/applications/{case.pk}/documents/{document.pk}"
    for role in ("other", "inspector_unassigned", "clerk_elsewhere"):
        caller = Api(who.roles()[role])
        assert caller.get(thread)[0] == 404, role
        assert caller.download(file)[0] == 404, role
    inspector = Api(who.inspector)  # assigned to the pending visit: reads, does not write
    assert inspector.get(thread)[0] == 200
    assert inspector.download(file)[:2] == (200, "application/pdf")


def test_a_document_purged_or_never_sent_is_not_found(clock: Clock) -> None:
    clock.set(MONDAY)
    who = people()
    case, _ = scheduled(who)
    clerk = Api(who.clerk)
    clerk.post_form(f"/applications/{case.pk}/messages", {"documents": [lease()]})
    document = Attachment.objects.get()
    assert clerk.download(f"/applications/{case.pk}/documents/{document.pk + 1}")[0] == 404
    Attachment.objects.filter(pk=document.pk).update(purged_at=MONDAY)
    status, _, data = clerk.download(f"/applications/{case.pk}/documents/{document.pk}")
    assert (status, data.startswith(b"%PDF")) == (404, False)
    listed = clerk.get(f"/applications/{case.pk}/messages")[1]["items"]
    assert listed[0]["documents"][0]["removed"] is True
    assert Message.objects.count() == 1
