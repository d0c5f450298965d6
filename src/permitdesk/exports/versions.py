"""The HTTP validators of an inspector's calendar feed: an ETag and a Last-Modified time.

The feed's bytes depend on many rows (inspections, requests, cases, addresses, the inspector's
name, the day the window starts) and none of them records when it last changed, so the
validators come from the bytes themselves: the ETag is their SHA-256, and Last-Modified is
when the feed was first served with that digest, kept on the feed's row. A change is seen at
the first fetch after it; every fetch before it got the older version with an older date.

Last-Modified has whole seconds (HTTP dates have no fraction); each new version's date is
kept at least a second after the one before, so a calendar that sends only If-Modified-Since
never gets 304 for a version it has not seen, even when two versions fall in one second.

Keeping the digest is not a change of the case file: it records nobody's decision and nothing
reads it but this module, so it writes no audit event (like a cache entry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from permitdesk.exports.models import CalendarFeed

SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class Version:
    etag: str  # quoted, strong: the same bytes, the same tag
    last_modified: dt.datetime  # whole seconds


def _next_date(previous: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    moment = now.replace(microsecond=0)
    return moment if previous is None or moment > previous else previous + SECOND


def version_of(feed: CalendarFeed, body: bytes, now: dt.datetime) -> Version:
    """The validators of `body`, the feed as served at `now`; records a new digest."""
    digest = hashlib.sha256(body).hexdigest()
    etag = f'"{digest}"'
    if digest == feed.digest and feed.changed_at is not None:
        return Version(etag=etag, last_modified=feed.changed_at)
    changed = _next_date(feed.changed_at, now)
    # Of two servers seeing the same change at once, either's date will do.
    CalendarFeed.objects.filter(pk=feed.pk).update(digest=digest, changed_at=changed)
    feed.digest, feed.changed_at = digest, changed
    return Version(etag=etag, last_modified=changed)
