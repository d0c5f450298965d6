"""queue_notice(): an e-mail rendered from the jurisdiction's templates into the outbox
(compose_notice(): the same message, for a batch to queue with others).

Templates live in ``notices/templates/notices/``: ``<kind>.subject.txt``, ``<kind>.txt`` and
``<kind>.html``; a jurisdiction overrides any of them in ``notices/<slug>/`` (an HTML override
usually extends the shared one and replaces a block). The message is queued in the caller's
transaction, so it commits with the change that causes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NotRequired, TypedDict, Unpack

from django.template.loader import select_template

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import Message, outbox_message, queue

SUBJECT_LENGTH = OutboxMessage._meta.get_field("subject").max_length or 200


def _render(kind: str, slug: str, suffix: str, context: dict[str, Any]) -> str:
    template = select_template([f"notices/{slug}/{kind}.{suffix}", f"notices/{kind}.{suffix}"])
    return str(template.render(context))


def _subject(text: str) -> str:
    """One line, and short enough for the column (a long address would not break the queue)."""
    line = " ".join(text.split())
    return line if len(line) <= SUBJECT_LENGTH else line[: SUBJECT_LENGTH - 1] + "…"


class Notice(TypedDict):
    """A message of `kind` to render from the jurisdiction's templates: to whom, its key (a
    key already queued is not queued again), what the templates read, when, and a document
    to attach at send time."""

    kind: str
    jurisdiction_slug: str
    to: str
    key: str
    context: dict[str, Any]
    at: dt.datetime
    attachment: NotRequired[dict[str, Any] | None]
    application_id: NotRequired[int | None]


def rendered(**notice: Unpack[Notice]) -> Message:
    """The notice's text and HTML parts rendered: the message queue() writes."""
    kind, slug = notice["kind"], notice["jurisdiction_slug"]
    context = {**notice["context"], "jurisdiction_slug": slug}
    return Message(
        key=notice["key"],
        to=notice["to"],
        subject=_subject(_render(kind, slug, "subject.txt", context)),
        body=_render(kind, slug, "txt", context).strip() + "\n",
        html_body=_render(kind, slug, "html", context),
        attachment=notice.get("attachment"),
        kind=kind,
        application_id=notice.get("application_id"),
        at=notice["at"],
    )


def queue_notice(**notice: Unpack[Notice]) -> OutboxMessage | None:
    """Queue the ``kind`` message for ``to`` (its text and HTML parts, and a document to
    attach at send time); a ``key`` already queued is not queued again."""
    return queue(**rendered(**notice))


def compose_notice(**notice: Unpack[Notice]) -> OutboxMessage | None:
    """The message queue_notice() queues, not yet queued (a batch queues many at once with
    permitdesk.audit.services.queue_all)."""
    return outbox_message(**rendered(**notice))


__all__ = ["Notice", "compose_notice", "queue_notice"]
