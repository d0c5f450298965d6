"""The audit event and log line of a sign-in lockout (django-axes's user_locked_out signal):
the portal's or the admin's sign-in, after LOGIN_FAILURE_LIMIT wrong passwords for one user
name from one client."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from permitdesk.accounts.throttle import record_client_event

log = logging.getLogger(__name__)


def record_lockout(
    sender: object,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: object,
) -> None:
    """Audited once a lockout (axes signals every refused try while it lasts)."""
    noted = f"lockout-noted:{hashlib.sha256(f'{username}|{ip_address}'.encode()).hexdigest()}"
    if not cache.add(noted, True, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds())):
        return
    after = {"username": (username or "")[:150], "client": ip_address}
    record_client_event("sign-in-locked-out", str(ip_address or "unknown"), timezone.now(), after)
    log.warning("sign-in locked out", extra={"username": username, "client": ip_address})
