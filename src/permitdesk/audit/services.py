"""record(): the audit event every service writes beside its change; queue(): an e-mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.models import AuditEvent, OutboxMessage


def record(
    *,
    actor: User | None,
    action: str,
    obj: Any,
    at: dt.datetime,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    application_id: int | None = None,
    jurisdiction_slug: str = "",
) -> AuditEvent:
    """One audit event; must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit events are written inside the change's transaction")
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        application_id=application_id,
        jurisdiction_slug=jurisdiction_slug,
        at=at,
        before=before,
        after=after,
    )


def queue(
    *,
    key: str,
    to: str,
    subject: str,
    body: str,
    at: dt.datetime,
    html_body: str = "",
    attachment: dict[str, Any] | None = None,
    kind: str = "",
    application_id: int | None = None,
) -> OutboxMessage | None:
    """An e-mail for the outbox, in the caller's transaction, due at once; a key already
    queued is skipped (the message already queued is returned), and no address, no message.

    Written inside the change's transaction, it commits with the change or not at all: a
    message is never lost, and never queued for a change that did not happen.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("messages are queued inside the change's transaction")
    if not to:
        return None
    message, _ = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject,
            "body": body,
            "html_body": html_body,
            "attachment": attachment,
            "kind": kind,
            "application_id": application_id,
            "created_at": at,
            "next_attempt_at": at,
        },
    )
    return message
