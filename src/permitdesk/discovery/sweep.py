"""run_discovery(): for each jurisdiction (or one), as of `now`: match what is pending, close
the leads an application now answers, and open a lead for each change past its day with
none. Run hourly beside the deadline sweep (`manage.py discovery_sweep`); a second run finds
nothing more to do."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from permitdesk.discovery.keys import refresh_place_keys
from permitdesk.discovery.leads import close_answered_leads, open_due_leads
from permitdesk.discovery.matching import Matched, match_pending
from permitdesk.records.models import Jurisdiction


@dataclass
class DiscoveryRun:
    keyed: int = 0
    matched: Matched = field(default_factory=Matched)
    closed: int = 0
    opened: int = 0
    lines: list[str] = field(default_factory=list)


def run_discovery(*, now: dt.datetime, jurisdiction: str | None = None) -> DiscoveryRun:
    run = DiscoveryRun()
    places = Jurisdiction.objects.order_by("slug")
    for place in places.filter(slug=jurisdiction) if jurisdiction else places:
        keyed = refresh_place_keys(jurisdiction=place, actor=None, now=now)
        matched = match_pending(jurisdiction=place, actor=None, now=now)
        closed = close_answered_leads(jurisdiction=place, now=now)
        opened = open_due_leads(jurisdiction=place, now=now)
        run.keyed += keyed
        run.matched += matched
        run.closed += closed
        run.opened += opened
        run.lines.append(
            f"{place.slug}: units keyed {keyed}; {matched.lines()[0]}; "
            f"leads closed {closed}, opened {opened}"
        )
    return run
