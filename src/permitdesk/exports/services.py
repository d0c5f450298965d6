"""The changes to an inspector's calendar feed: issuing its key, and rotating it."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.services import record
from permitdesk.exports.models import CalendarFeed


def new_key() -> str:
    """16 random bytes: the public half of the feed's secret (the HMAC is the other half)."""
    return secrets.token_urlsafe(16)


def is_inspector(user: User) -> bool:
    return Membership.objects.filter(user_id=user.pk, role=Role.INSPECTOR).exists()


def _locked_user(user: User) -> User:
    """The user's row, locked: two tabs asking for a first feed at once make one feed."""
    if not user.is_authenticated or not is_inspector(user):
        raise Forbidden("only inspectors have an inspection calendar feed")
    return User.objects.select_for_update().get(pk=user.pk)


def _record_feed(
    user: User, feed: CalendarFeed, action: str, now: dt.datetime, before: dict[str, str] | None
) -> None:
    """The audit event of the inspector's change to their feed, made anew at `now`."""
    after = {"created_at": now.isoformat()}
    record(actor=user, action=action, obj=feed, at=now, before=before, after=after)


def issue_feed(*, user: User, now: dt.datetime) -> CalendarFeed:
    """The inspector's feed, made (and audited) the first time it is asked for."""
    with transaction.atomic():
        user = _locked_user(user)
        feed = CalendarFeed.objects.filter(user=user).first()
        if feed is not None:
            return feed
        feed = CalendarFeed.objects.create(user=user, key=new_key(), created_at=now)
        _record_feed(user, feed, "issue-calendar-feed", now, before=None)
        return feed


def rotate_feed(*, user: User, now: dt.datetime) -> CalendarFeed:
    """A new secret for the inspector's feed; the old URL answers 404 from now on."""
    with transaction.atomic():
        user = _locked_user(user)
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is None:
            feed = CalendarFeed(user=user)
        before = {"created_at": feed.created_at.isoformat()} if feed.pk else None
        feed.key = new_key()
        feed.created_at = now
        feed.save()
        # The key is not recorded: with SECRET_KEY it would rebuild the secret URL.
        _record_feed(user, feed, "rotate-calendar-feed", now, before)
        return feed
