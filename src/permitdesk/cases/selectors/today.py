"""Today in a jurisdiction: the one place the pages and the API turn the clock into the
jurisdiction's own date (its pack's time zone), so a clerk in St. Louis and a server in UTC
agree on what "today" is at 11 PM."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local


def today_in(where: Jurisdiction | Pack | str, now: dt.datetime | None = None) -> dt.date:
    """The date in `where` (a jurisdiction, its pack or its slug) at `now`, by default the
    clock's now."""
    if isinstance(where, Pack):
        pack = where
    else:
        pack = get_pack(where if isinstance(where, str) else where.slug)
    return local(pack, now or timezone.now()).date()
