"""A fixed-window counter per client address in Django's cache: how the public verification
lookups (API and page) are rate-limited (decision 0007). Limits are settings:

  VERIFY_RATE_LIMIT     lookups a client may make per window (default 30)
  VERIFY_RATE_WINDOW    the window, in seconds (default 60)
  CLIENT_IP_HEADER      the request header the proxy puts the client's address in (e.g.
                        HTTP_X_REAL_IP); unset, REMOTE_ADDR, which behind a proxy is the proxy

The counts live in the "default" cache. Django's default (local memory) counts per process, so
with N gunicorn workers a client gets up to N × the limit; a shared cache (database,
Memcached, Redis) makes the limit exact.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone


class RateLimited(Exception):
    """Too many requests from one client in the window; says when to try again."""

    def __init__(self, limit: int, window: int, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"too many permit verifications from your address: at most {limit} every "
            f"{window} seconds; try again in {retry_after} seconds"
        )


def client_address(request: HttpRequest) -> str:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    # X-Forwarded-For lists every hop; the last is the one the proxy itself saw.
    forwarded = value.split(",")[-1].strip()
    return forwarded or request.META.get("REMOTE_ADDR", "") or "unknown"


def check_verify_rate(request: HttpRequest) -> None:
    """Count one verification for the caller; RateLimited past the limit."""
    limit: int = settings.VERIFY_RATE_LIMIT
    window: int = settings.VERIFY_RATE_WINDOW
    now = timezone.now().timestamp()
    slot = int(now // window)
    key = f"verify-rate:{client_address(request)[:64]}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one afresh
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        raise RateLimited(limit, window, retry_after=max(1, int((slot + 1) * window - now)))
