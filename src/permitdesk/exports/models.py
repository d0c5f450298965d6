"""An inspector's calendar feed: the random key its secret URL is built from, and the version
of the feed last served (for HTTP caching)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """One inspector's feed. The URL's secret is `<key>.<HMAC of the key under SECRET_KEY>`
    (permitdesk.exports.links): the database holds only the key, which is not enough to
    build the URL, and rotating replaces the key, so the old URL no longer matches anything."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(help_text="when this key was issued (or last rotated)")
    # permitdesk.exports.versions: the feed's ETag is the digest of its bytes; Last-Modified
    # is when that digest was first served, which no row of the case file records.
    digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the last feed")
    changed_at = models.DateTimeField(
        null=True, blank=True, help_text="when the feed first read as `digest`"
    )

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
