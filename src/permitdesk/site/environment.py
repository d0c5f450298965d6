"""The settings read from the environment that take more than one line: a throttle's rate,
the settings named per jurisdiction (PAYMENTS_<JURISDICTION>_..., DIVISION_EMAIL_<JURISDICTION>),
and the cache from CACHE_URL. permitdesk.site.settings calls each once, at start-up."""

from __future__ import annotations

import os
from collections.abc import Iterator


def rate(name: str, default: str) -> tuple[int, int]:
    """A throttle's "count/seconds" from `name`, else `default`."""
    count, _, seconds = os.environ.get(name, default).partition("/")
    return int(count), int(seconds)


def _per_jurisdiction(prefix: str, suffix: str = "") -> Iterator[tuple[str, str, str]]:
    """(jurisdiction slug, the name's stem up to the suffix, value) for each non-empty
    <prefix><JURISDICTION><suffix> variable: PAYMENTS_CLAYTON_MO_PROVIDER is clayton-mo's."""
    for name, value in os.environ.items():
        if name.startswith(prefix) and name.endswith(suffix) and value.strip():
            stem = name.removesuffix(suffix) if suffix else name
            slug = stem.removeprefix(prefix).strip("_").lower().replace("_", "-")
            yield slug, stem, value.strip()


def payment_providers() -> dict[str, dict[str, str]]:
    """PAYMENTS_<JURISDICTION>_PROVIDER (e.g. PAYMENTS_CLAYTON_MO_PROVIDER=stripe) turns online
    payment on for that jurisdiction; its PAYMENTS_<JURISDICTION>_SECRET_KEY and
    _WEBHOOK_SECRET are the provider's keys, _API_BASE (optional) another API address."""
    return {
        slug: {
            "provider": value,
            "secret_key": os.environ.get(f"{stem}SECRET_KEY", ""),
            "webhook_secret": os.environ.get(f"{stem}WEBHOOK_SECRET", ""),
            "api_base": os.environ.get(f"{stem}API_BASE", ""),
        }
        for slug, stem, value in _per_jurisdiction("PAYMENTS_", "PROVIDER")
    }


def division_emails() -> dict[str, str]:
    """DIVISION_EMAIL_<JURISDICTION> (e.g. DIVISION_EMAIL_ST_CLAIR_COUNTY_IL=occupancy@...): the
    address an applicant's message goes to, for a jurisdiction whose documents name none (its
    pack's `division_message_address` says so); without it, the jurisdiction's clerks."""
    return {slug: value for slug, _, value in _per_jurisdiction("DIVISION_EMAIL_")}


def caches() -> dict[str, dict[str, object]]:
    """CACHE_URL: redis://… or rediss://…, db://<table>; unset, each process's own memory."""
    url = os.environ.get("CACHE_URL", "").strip()
    if url.startswith(("redis://", "rediss://")):
        return {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
    if url.startswith("db://"):
        table = url.removeprefix("db://")
        return {
            "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
