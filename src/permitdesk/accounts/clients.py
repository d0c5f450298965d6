"""The client's address, as the lockout and the throttles count it.

Behind TRUSTED_PROXIES proxies (each appending the address it received from to
X-Forwarded-For), the client is the entry that many places from the end: entries before it
were written by the client itself and cannot be trusted. With none (the default), the client
is the socket's peer, REMOTE_ADDR. Only a well-formed IP address counts: django-axes stores
it in an address column, which PostgreSQL checks."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"  # a request without an address (a test's or a shell's, not a client's)


def _address(value: object) -> str | None:
    text = str(value or "").strip()
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the request has none (AXES_CLIENT_IP_CALLABLE)."""
    proxies: int = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        chain = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(chain) >= proxies:
            found = _address(chain[-proxies])
            if found is not None:
                return found
    return _address(request.META.get("REMOTE_ADDR"))


def client_ip(request: HttpRequest) -> str:
    """The client's address as the throttles key it."""
    return client_address(request) or UNKNOWN
