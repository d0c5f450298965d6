"""queue_notice(): an e-mail rendered from the jurisdiction's templates into the outbox.

Templates live in ``notices/templates/notices/``: ``<kind>.subject.txt``, ``<kind>.txt`` and
``<kind>.html``; a jurisdiction overrides any of them in ``notices/<slug>/`` (an HTML override
usually extends the shared one and replaces a block). The message is queued in the caller's
transaction, so it commits with the change that causes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import select_template

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue

SUBJECT_LENGTH = OutboxMessage._meta.get_field("subject").max_length or 200


def _render(kind: str, slug: str, suffix: str, context: dict[str, Any]) -> str:
    template = select_template([f"notices/{slug}/{kind}.{suffix}", f"notices/{kind}.{suffix}"])
    return str(template.render(context))


def _subject(text: str) -> str:
    """One line, and short enough for the column (a long address would not break the queue)."""
    line = " ".join(text.split())
    return line if len(line) <= SUBJECT_LENGTH else line[: SUBJECT_LENGTH - 1] + "…"


def queue_notice(
    *,
    kind: str,
    jurisdiction_slug: str,
    to: str,
    key: str,
    context: dict[str, Any],
    at: dt.datetime,
    attachment: dict[str, Any] | None = None,
    application_id: int | None = None,
) -> OutboxMessage | None:
    """Queue the ``kind`` message for ``to`` (its text and HTML parts, and a document to
    attach at send time); a ``key`` already queued is not queued again."""
    context = {**context, "jurisdiction_slug": jurisdiction_slug}
    return queue(
        key=key,
        to=to,
        subject=_subject(_render(kind, jurisdiction_slug, "subject.txt", context)),
        body=_render(kind, jurisdiction_slug, "txt", context).strip() + "\n",
        html_body=_render(kind, jurisdiction_slug, "html", context),
        attachment=attachment,
        kind=kind,
        application_id=application_id,
        at=at,
    )


__all__ = ["queue_notice"]
