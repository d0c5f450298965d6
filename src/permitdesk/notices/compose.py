"""queue_notice(): an e-mail rendered from the jurisdiction's templates into the outbox.

Templates live in ``notices/templates/notices/``: ``<kind>.subject.txt``, ``<kind>.txt`` and
``<kind>.html``; a jurisdiction overrides any of them in ``notices/<slug>/``. The message is
queued in the caller's transaction, so it commits with the change that causes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import select_template

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue


def _render(kind: str, slug: str, suffix: str, context: dict[str, Any]) -> str:
    template = select_template([f"notices/{slug}/{kind}.{suffix}", f"notices/{kind}.{suffix}"])
    return str(template.render(context))


def queue_notice(
    *,
    kind: str,
    jurisdiction_slug: str,
    to: str,
    key: str,
    context: dict[str, Any],
    at: dt.datetime,
) -> OutboxMessage | None:
    """Queue the ``kind`` message for ``to``; a ``key`` already queued is not queued again."""
    subject = " ".join(_render(kind, jurisdiction_slug, "subject.txt", context).split())
    body = _render(kind, jurisdiction_slug, "txt", context)
    return queue(key=key, to=to, subject=subject, body=body, at=at)


__all__ = ["queue_notice"]
