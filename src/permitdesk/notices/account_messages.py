"""Account e-mail (verification links, password resets) through the outbox, like every other
message: queued in the caller's transaction, sent by the worker, retried, never lost.
Templates: notices/templates/notices/<kind>.{subject.txt,txt,html}."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.template.loader import render_to_string

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue


def queue_account_message(
    *, kind: str, to: str, context: dict[str, Any], at: dt.datetime
) -> OutboxMessage | None:
    """Each request is its own message (a second reset link is a new message)."""
    return queue(
        key=f"{kind}-{uuid.uuid4().hex}",
        to=to,
        subject=" ".join(render_to_string(f"notices/{kind}.subject.txt", context).split()),
        body=render_to_string(f"notices/{kind}.txt", context).strip() + "\n",
        html_body=render_to_string(f"notices/{kind}.html", context),
        kind=kind,
        at=at,
    )
