"""correspondence.send_message: a message on a case with checked documents (PDF, PNG, JPEG by
content, within the size setting), from its applicant or the desk; one audit event; the
desk's message e-mailed to the applicant, the applicant's to the division (the pack's address,
else the deployment's, else its clerks). purge_attachments removes files past retention."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application
from permitdesk.correspondence.models import Attachment
from permitdesk.correspondence.services import Upload, purge_attachments, send_message
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.correspondence.conftest import pdf, png
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

NOW = factories.ON_WEDNESDAY


def send(actor: User, case: Application, body: str = "Lease attached.", *files: Upload) -> Any:
    return send_message(actor=actor, application=case, body=body, uploads=files, now=NOW)


def lease(data: bytes | None = None, name: str = "lease.pdf", kind: str = "lease") -> Upload:
    return Upload(name=name, data=pdf() if data is None else data, kind=kind)


REFUSALS = [
    pytest.param(
        lambda who: partial(send, who.owner, factories.submitted(who), "  "),
        "required",
        "write a message or attach a document",
        id="nothing said, nothing attached",
    ),
    pytest.param(
        lambda who: partial(
            send, who.owner, factories.submitted(who), "x", lease(b"MZ\x90\x00", "lease.pdf")
        ),
        "file-type",
        "lease.pdf is not a PDF, PNG or JPEG file",
        id="a program named .pdf",
    ),
    pytest.param(
        lambda who: partial(
            send, who.owner, factories.submitted(who), "x", lease(b"%PDF-1.7 broken", "l.pdf")
        ),
        "unreadable",
        "l.pdf could not be read as a PDF, PNG or JPEG file",
        id="a PDF that does not parse",
    ),
    pytest.param(
        lambda who: partial(
            send, who.owner, factories.submitted(who), "x", lease(png()[:40], "id.png")
        ),
        "unreadable",
        "id.png could not be read",
        id="a truncated PNG",
    ),
    pytest.param(
        lambda who: partial(send, who.owner, factories.submitted(who), "x", lease(kind="photo")),
        "invalid",
        "kind 'photo' is not one of: lease, tenant-list",
        id="a kind that is not one",
    ),
    pytest.param(
        lambda who: partial(send, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant writes",
    ),
    pytest.param(
        lambda who: partial(send, who.inspector, factories.scheduled(who)[0]),
        "forbidden",
        "only the desk writes to the applicant",
        id="the inspector writes",
    ),
    pytest.param(
        lambda who: partial(send, who.clerk_elsewhere, factories.submitted(who)),
        "not-found",
        "not found",
        id="another jurisdiction's clerk writes",
    ),
]

test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_document_over_the_size_setting_is_refused(who: factories.People, settings: Any) -> None:
    settings.CORRESPONDENCE_MAX_UPLOAD_BYTES = 100
    with pytest.raises(Refused) as refused:
        send(who.owner, factories.submitted(who), "x", lease())
    assert (refused.value.code, refused.value.field) == ("too-large", "documents")
    assert not Attachment.objects.exists()


def test_the_applicants_message_is_stored_under_a_random_name(
    who: factories.People, media: Path
) -> None:
    case = factories.submitted(who)
    photo = Upload(name="../../receipt id.png", data=png(), kind="receipt-with-photo-id")
    with writes_one_event("send-message", ("case-message-to-division",)) as written:
        message = send(who.owner, case, "Lease and receipt.", lease(), photo)
    assert message.from_staff is False
    stored = list(message.attachments.order_by("pk"))
    assert [(a.content_type, a.original_name) for a in stored] == [
        ("application/pdf", "lease.pdf"),
        ("image/png", "../../receipt id.png"),
    ]
    for attachment in stored:
        assert attachment.file.name.startswith("correspondence/")
        assert "receipt" not in attachment.file.name
        assert "lease" not in attachment.file.name
        assert (media / attachment.file.name).read_bytes()[:4] in (b"%PDF", b"\x89PNG")
    assert written.event.after["documents"][0] == {
        "name": "lease.pdf",
        "kind": "lease",
        "size": len(pdf()),
    }


def test_the_desks_message_is_e_mailed_to_the_applicant(who: factories.People) -> None:
    case = factories.submitted(who)
    with writes_one_event("send-message", ("case-message",)) as written:
        message = send(who.clerk, case, "Please send the tenant list.")
    assert message.from_staff is True
    (mail,) = written.messages
    assert mail.to == who.owner.email
    assert "Please send the tenant list." in mail.body
    assert f"/cases/{case.pk}/messages/" in mail.body


def test_the_applicants_message_is_e_mailed_to_claytons_applications_address(
    who: factories.People,
) -> None:
    case = factories.submitted(who)
    with writes_one_event("send-message", ("case-message-to-division",)) as written:
        send(who.owner, case, "The tenants move in on the 1st.\nJane and John Doe.", lease())
    (mail,) = written.messages
    # 000 §4: "e-mail the tenant names ... to our office at: applicationsbd@claytonmo.gov"
    assert mail.to == "applicationsbd@claytonmo.gov"
    assert mail.application_id == case.pk
    assert f"Application {case.pk}" in mail.subject
    assert "Jane and John Doe." in mail.body
    assert "1 document attached" in mail.body
    assert f"/staff/cases/{case.pk}/messages/" in mail.body


def test_where_the_documents_name_no_address_the_clerks_get_it() -> None:
    village = factories.people(factories.VILLAGE)
    second = factories.user("second-clerk", "clerk", factories.VILLAGE)
    case = factories.submitted(village, factories.VILLAGE, "occupancy-permit", "sale")
    with writes_one_event("send-message", ("case-message-to-division",) * 2) as written:
        send(village.owner, case, "When can you come?")
    assert sorted(m.to for m in written.messages) == sorted([village.clerk.email, second.email])


def test_where_the_documents_name_no_address_the_deployments_setting_wins(
    settings: Any,
) -> None:
    settings.DIVISION_EMAILS = {factories.VILLAGE: "occupancy@village.example.test"}
    village = factories.people(factories.VILLAGE)
    case = factories.submitted(village, factories.VILLAGE, "occupancy-permit", "sale")
    with writes_one_event("send-message", ("case-message-to-division",)) as written:
        send(village.owner, case, "When can you come?")
    assert [m.to for m in written.messages] == ["occupancy@village.example.test"]


def test_a_message_refused_e_mails_no_one(who: factories.People) -> None:
    from permitdesk.audit.models import OutboxMessage

    case = factories.submitted(who)
    with pytest.raises(Refused):
        send(who.owner, case, "x" * 5001)
    assert not OutboxMessage.objects.filter(kind="case-message-to-division").exists()


def test_documents_past_retention_are_purged_and_audited(
    who: factories.People, media: Path, settings: Any
) -> None:
    settings.CORRESPONDENCE_RETENTION_DAYS = 30
    message = send(who.owner, factories.submitted(who), "Lease.", lease())
    attachment = message.attachments.get()
    path = media / attachment.file.name
    assert purge_attachments(now=NOW + dt.timedelta(days=30)) == 0
    assert purge_attachments(now=NOW + dt.timedelta(days=31)) == 1
    attachment.refresh_from_db()
    assert attachment.purged_at is not None
    assert not attachment.file
    assert not path.exists()
    event = AuditEvent.objects.get(action="purge-attachment")
    assert event.before is not None
    assert event.before["name"] == "lease.pdf"
    assert dt.datetime.fromisoformat(event.before["sent_at"]) == NOW
    assert purge_attachments(now=NOW + dt.timedelta(days=400)) == 0
