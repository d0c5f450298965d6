"""Throttles: how often one client (or one address) may try something, per THROTTLES setting
("count/seconds", a fixed window from the first try), counted in the cache.

The sign-in lockout itself is django-axes's (per user name and client, in the database);
these cover the rest: sign-in from one client across user names, sign-up, password reset (per
client and per address), and bad API tokens. When a limit is first passed in a window, an
audit event records it (note_throttled), once, not on every refused try.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from permitdesk.audit.services import record

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Client:
    """What the audit event is about: the client (or address) that passed a limit."""

    pk: str


def record_client_event(action: str, client: str, at: dt.datetime, after: dict[str, Any]) -> None:
    """The audit event of what one client ran into (no actor: who it is, is what is not
    known), in its own transaction."""
    with transaction.atomic():
        obj = Client(pk=client[:64])
        record(actor=None, action=action, obj=obj, at=at, before=None, after=after)


class Throttled(Exception):
    """Too many tries: the person is told to wait `retry_after` seconds."""

    def __init__(self, scope: str, retry_after: int) -> None:
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            f"Too many attempts from here. For your protection, please wait {minutes} "
            f"minute{'s' if minutes != 1 else ''} and try again."
        )
        self.scope = scope
        self.retry_after = retry_after


def _key(scope: str, ident: str) -> str:
    return f"throttle:{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:40]}"


def limit_of(scope: str) -> tuple[int, int]:
    count, seconds = settings.THROTTLES[scope]
    return int(count), int(seconds)


def check(scope: str, ident: str, *, now: dt.datetime) -> None:
    """Raise Throttled if `ident` has used up its tries of `scope`; a try within the limit is
    not counted here (the API counts only bad tokens), a refused one is."""
    limit, _ = limit_of(scope)
    if int(cache.get(_key(scope, ident), 0)) >= limit:
        count(scope, ident, now=now)


def count(scope: str, ident: str, *, now: dt.datetime) -> None:
    """Count one try of `scope` by `ident`; raise Throttled when it is one too many."""
    limit, seconds = limit_of(scope)
    key = _key(scope, ident)
    cache.add(key, 0, timeout=seconds)
    try:
        tries = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        tries = 1
    if tries == limit + 1:
        note_throttled(scope=scope, ident=ident, now=now)
    if tries > limit:
        raise Throttled(scope, seconds)


def note_throttled(*, scope: str, ident: str, now: dt.datetime) -> None:
    """The audit event of a limit passed (no actor: who it is, is what is not known)."""
    limit, seconds = limit_of(scope)
    record_client_event("throttled", ident, now, {"scope": scope, "limit": f"{limit}/{seconds}s"})
    log.warning("throttled", extra={"scope": scope, "client": ident})
