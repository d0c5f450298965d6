"""The secret URL of an inspector's calendar feed: built from the feed's key and an HMAC of it
under SECRET_KEY, and checked in constant time. Changing SECRET_KEY changes every feed URL."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from permitdesk.exports.models import CalendarFeed
from permitdesk.exports.services import issue_feed

_SALT = "permitdesk.exports.inspection-feed"
KEY = re.compile(r"[A-Za-z0-9_-]{1,32}")  # what services.new_key makes


def _mac(key: str) -> str:
    return salted_hmac(_SALT, key, algorithm="sha256").hexdigest()


def secret_of(feed: CalendarFeed) -> str:
    return f"{feed.key}.{_mac(feed.key)}"


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The active inspector's feed whose secret this is; None for anything else."""
    key, _, mac = secret.partition(".")
    if not KEY.fullmatch(key) or not mac:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    if feed is None or not feed.user.is_active or not constant_time_compare(mac, _mac(key)):
        return None
    return feed


def url_of(feed: CalendarFeed) -> str:
    path = reverse("exports:inspection-feed", kwargs={"secret": secret_of(feed)})
    return f"{settings.PUBLIC_URL}{path}"


def feed_url_for(user: User) -> str:
    """The inspector's feed URL (for the portal's link), making the feed if it has none yet.

    Raises permitdesk.accounts.permissions.Forbidden for a user who is not an inspector.
    """
    return url_of(issue_feed(user=user, now=timezone.now()))
