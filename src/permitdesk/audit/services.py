"""record(): the audit event every service writes beside its change; queue(): an e-mail.
A batch service (the sweep's) builds its events and messages with audit_event() and
outbox_message(), the same rows record() and queue() write, and writes a batch's at once
with record_all() and queue_all()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.models import AuditEvent, OutboxMessage


class Act(TypedDict):
    """Who did what (the action, on which object), and when."""

    actor: User | None
    action: str
    obj: Any
    at: dt.datetime


class Change(Act):
    """What an audit event says: the act, and the state before and after it."""

    before: dict[str, Any] | None
    after: dict[str, Any] | None


class FiledChange(Change, total=False):
    """A change and where it is filed: under a case, and under its jurisdiction."""

    application_id: int | None
    jurisdiction_slug: str


class Message(TypedDict):
    """An e-mail for the outbox: its key (never queued twice), address, text, and when."""

    key: str
    to: str
    subject: str
    body: str
    at: dt.datetime
    html_body: NotRequired[str]
    attachment: NotRequired[dict[str, Any] | None]
    kind: NotRequired[str]
    application_id: NotRequired[int | None]


EVENTS_INSIDE = "audit events are written inside the change's transaction"
MESSAGES_INSIDE = "messages are queued inside the change's transaction"


def _inside_the_change(refusal: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(refusal)


def audit_event(**change: Unpack[FiledChange]) -> AuditEvent:
    """The audit event of a change, not yet written."""
    obj = change["obj"]
    return AuditEvent(
        actor=change["actor"],
        action=change["action"],
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        application_id=change.get("application_id"),
        jurisdiction_slug=change.get("jurisdiction_slug", ""),
        at=change["at"],
        before=change["before"],
        after=change["after"],
    )


def record(**change: Unpack[FiledChange]) -> AuditEvent:
    """One audit event; must run inside the transaction of the change it records."""
    return record_event(audit_event(**change))


def record_event(event: AuditEvent) -> AuditEvent:
    """record() for an event already built (cases.services.base.audit's)."""
    return record_all([event])[0]


def record_all(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Audit events in one insert (a batch's: one per record it changed), inside the
    transaction of the change they record. Every event is written here."""
    _inside_the_change(EVENTS_INSIDE)
    return AuditEvent.objects.bulk_create(list(events))


def outbox_message(**message: Unpack[Message]) -> OutboxMessage | None:
    """The message, not yet queued, due at once; no address, no message."""
    if not message["to"]:
        return None
    return OutboxMessage(
        key=message["key"],
        to=message["to"],
        subject=message["subject"],
        body=message["body"],
        html_body=message.get("html_body", ""),
        attachment=message.get("attachment"),
        kind=message.get("kind", ""),
        application_id=message.get("application_id"),
        created_at=message["at"],
        next_attempt_at=message["at"],
    )


def queue(**message: Unpack[Message]) -> OutboxMessage | None:
    """An e-mail for the outbox, in the caller's transaction, due at once; a key already
    queued is skipped (the message already queued is returned), and no address, no message.

    Written inside the change's transaction, it commits with the change or not at all: a
    message is never lost, and never queued for a change that did not happen.
    """
    _inside_the_change(MESSAGES_INSIDE)
    new = outbox_message(**message)
    if new is None:
        return None
    columns = {
        f.attname: getattr(new, f.attname)
        for f in OutboxMessage._meta.concrete_fields
        if not f.primary_key
    }
    found, _ = OutboxMessage.objects.get_or_create(key=new.key, defaults=columns)
    return found


def queue_all(messages: Iterable[OutboxMessage | None]) -> None:
    """A batch's messages in one insert, inside the batch's transaction; as queue(), a key
    already queued is skipped, and no address (None), no message."""
    _inside_the_change(MESSAGES_INSIDE)
    OutboxMessage.objects.bulk_create([m for m in messages if m is not None], ignore_conflicts=True)
