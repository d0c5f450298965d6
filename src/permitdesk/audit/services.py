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


def queue(*, key: str, to: str, subject: str, body: str, at: dt.datetime) -> OutboxMessage | None:
    """An e-mail for the outbox, in the caller's transaction; a key already queued is skipped."""
    if not to:
        return None
    message, _ = OutboxMessage.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body, "created_at": at}
    )
    return message
