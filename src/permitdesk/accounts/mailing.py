"""An account request that is answered by e-mail (sign-up, password reset): its audit event and
its message, queued in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.urls import reverse

from permitdesk.audit.services import record
from permitdesk.notices.account_messages import queue_account_message


def public_link(name: str, *args: Any, **kwargs: Any) -> str:
    """The absolute address of a portal page, as the e-mail links to it."""
    return str(settings.PUBLIC_URL) + reverse(name, args=args or None, kwargs=kwargs or None)


def answer_by_mail(
    *,
    action: str,
    obj: Model,
    address: str,
    kind: str,
    to: str,
    context: dict[str, Any],
    at: dt.datetime,
) -> None:
    """Audit the anonymous request `action` on `obj` (made for `address`) and queue the
    account message `kind` to `to`."""
    record(actor=None, action=action, obj=obj, at=at, before=None, after={"email": address})
    queue_account_message(kind=kind, to=to, context=context, at=at)
