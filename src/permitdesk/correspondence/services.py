"""Sending a message on a case (with its documents) and purging documents past retention.
One transaction each, with its audit event; a message from the division is e-mailed to the
applicant, one from the applicant to the division (cases.recipients.division), through the
outbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction

from permitdesk.accounts.permissions import Actor, Forbidden, NotFound
from permitdesk.cases import recipients
from permitdesk.cases.actions import ASSIGNED, DESK, OWNER, case_roles
from permitdesk.cases.models import Application
from permitdesk.cases.services.base import audit, locked, pack_of
from permitdesk.correspondence.checks import content_type
from permitdesk.correspondence.models import Attachment, Message
from permitdesk.notices.compose import queue_notice
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused

# Who reads a case's messages: its applicant, the desk, and the inspector assigned to its
# pending visit (as its other documents: documents.views).
READERS = DESK | {ASSIGNED, OWNER}
BODY_LIMIT = 5000  # characters: a message, not a document (those are attached)
MAX_FILES = 5


@dataclass(frozen=True)
class Upload:
    """A document as sent: its name, its bytes, and what it is (Attachment.Kind)."""

    name: str
    data: bytes
    kind: str


def may_read(user: Actor, case: Application) -> bool:
    return bool(case_roles(user, case) & READERS)


def _writer(actor: User, case: Application) -> bool:
    """Whether `actor` writes as the division's staff (else as the applicant); NotFound to
    anyone who may not see the case, Forbidden to staff who may not write on it."""
    held = case_roles(actor, case)
    if OWNER in held:
        return False
    if held & DESK:
        return True
    if held & READERS:
        raise Forbidden("only the desk writes to the applicant", code="role")
    raise NotFound(f"application {case.pk} not found")


def _check(body: str, uploads: Sequence[Upload]) -> list[str]:
    text = body.strip()
    if not text and not uploads:
        raise Refused("write a message or attach a document", code="required", field="body")
    if len(text) > BODY_LIMIT:
        raise Refused(
            f"a message may be at most {BODY_LIMIT} characters", code="too-long", field="body"
        )
    if len(uploads) > MAX_FILES:
        raise Refused(
            f"attach at most {MAX_FILES} documents at a time", code="too-many", field="documents"
        )
    for upload in uploads:
        if upload.kind not in Attachment.Kind.values:
            raise Refused(
                f"kind {upload.kind!r} is not one of: {', '.join(Attachment.Kind.values)}",
                code="invalid",
                field="kind",
            )
    return [content_type(upload.name, upload.data) for upload in uploads]


def send_message(
    *,
    actor: User,
    application: Application,
    body: str,
    now: dt.datetime,
    uploads: Sequence[Upload] = (),
) -> Message:
    """A message on the case, from its applicant to the division or from the desk to the
    applicant (e-mailed), with up to MAX_FILES checked documents."""
    from_staff = _writer(actor, application)
    kinds = _check(body, uploads)
    with transaction.atomic():
        application = locked(application)
        message = Message.objects.create(
            application=application,
            author=actor,
            from_staff=from_staff,
            body=body.strip(),
            sent_at=now,
        )
        for upload, kind in zip(uploads, kinds, strict=True):
            attachment = Attachment(
                message=message,
                kind=upload.kind,
                original_name=upload.name[-200:],
                content_type=kind,
                size=len(upload.data),
            )
            attachment.file.save("upload", ContentFile(upload.data), save=False)
            attachment.save()
        if from_staff:
            _tell_applicant(message, now)
        else:
            _tell_division(message, now)
        audit(
            application,
            actor=actor,
            action="send-message",
            obj=message,
            at=now,
            before=None,
            after={
                "from_staff": from_staff,
                "documents": [
                    {"name": u.name, "kind": u.kind, "size": len(u.data)} for u in uploads
                ],
            },
        )
    return message


def _queue(message: Message, kind: str, to: str, key: str, now: dt.datetime, **say: str) -> None:
    """One e-mail of the message: the case, the words and how many documents came with it."""
    application = message.application
    queue_notice(
        kind=kind,
        jurisdiction_slug=application.jurisdiction.slug,
        to=to,
        key=key,
        context={
            "jurisdiction": application.jurisdiction.name,
            "application_id": application.pk,
            "address": str(application.unit),
            "body": message.body,
            "documents": message.attachments.count(),
            **say,
        },
        at=now,
        application_id=application.pk,
    )


def _tell_applicant(message: Message, now: dt.datetime) -> None:
    application = message.application
    to = recipients.applicant(application)
    _queue(
        message,
        "case-message",
        to.email,
        f"case-message-{message.pk}",
        now,
        case_url=f"{settings.PUBLIC_URL}/cases/{application.pk}/messages/",
        recipient=to.name,
    )


def _tell_division(message: Message, now: dt.datetime) -> None:
    application = message.application
    pack = pack_of(application)
    sender = recipients.applicant(application).name
    found = recipients.division(application, pack, local(pack, now).date())
    for number, to in enumerate(found, start=1):
        _queue(
            message,
            "case-message-to-division",
            to.email,
            f"case-message-{message.pk}-division-{number}",
            now,
            case_url=f"{settings.PUBLIC_URL}/staff/cases/{application.pk}/messages/",
            sender=sender,
        )


def purge_attachments(*, now: dt.datetime) -> int:
    """Remove the files of documents sent more than CORRESPONDENCE_RETENTION_DAYS ago (the
    row stays, marked purged, with its audit event); how many were purged."""
    cutoff = now - dt.timedelta(days=settings.CORRESPONDENCE_RETENTION_DAYS)
    purged = 0
    due = Attachment.objects.filter(purged_at=None, message__sent_at__lt=cutoff).select_related(
        "message__application__jurisdiction"
    )
    for attachment in due.iterator():
        with transaction.atomic():
            attachment.file.delete(save=False)
            attachment.purged_at = now
            attachment.save(update_fields=["file", "purged_at"])
            kept = {
                "name": attachment.original_name,
                "sent_at": attachment.message.sent_at.isoformat(),
            }
            audit(
                attachment.message.application,
                actor=None,
                action="purge-attachment",
                obj=attachment,
                at=now,
                before=kept,
                after={"purged": True},
            )
        purged += 1
    return purged
