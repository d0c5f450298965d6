"""The client's address, as the lockout and the throttles count it.

Behind TRUSTED_PROXIES proxies (each appending the address it received from to
X-Forwarded-For), the client is the entry that many places from the end: entries before it
were written by the client itself and cannot be trusted. With none (the default), the client
is the socket's peer, REMOTE_ADDR."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies: int = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        chain = [a.strip() for a in forwarded.split(",")]
        chain = [a for a in chain if a]
        if len(chain) >= proxies:
            return chain[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "unknown")
