"""An inspector's schedule as an iCalendar feed, for a phone's calendar.

Each inspection assigned to the inspector and scheduled from FEED_PAST before today to
FEED_AHEAD after it is one event, in its jurisdiction's time zone. The AM and PM windows are
the pack's terms `inspection_window_am` and `inspection_window_pm` (a list ["08:00",
"12:00"]) where a pack defines them; none of the shipped packs does (the documents say only
"AM or PM"), so DEFAULT_WINDOWS applies. A request for "any" time spans both windows.

An inspection reassigned to another inspector leaves this feed (a subscribed calendar drops
it on its next refresh); a pending inspection of a case that was withdrawn or lapsed stays,
marked CANCELLED, so the calendar shows why the visit is off. The UID is the inspection
request's, so an event keeps its identity when its date or window changes.

The same data gives the same bytes (no event carries the time of the request), so the view
can answer a calendar's repeat fetch with 304 Not Modified (permitdesk.exports.versions).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from icalendar import Calendar, Event

from permitdesk.cases.models import Application, Inspection
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import zone

Window = tuple[dt.time, dt.time]

# The documents say "AM or PM" and no more; these are the division's usual working hours.
DEFAULT_WINDOWS: dict[str, Window] = {
    "am": (dt.time(8, 0), dt.time(12, 0)),
    "pm": (dt.time(12, 0), dt.time(16, 0)),
}
# The feed is the inspector's working schedule, not the case file's archive (the portal keeps
# every visit). A month back covers the re-inspections a recent visit leads to; three months
# ahead covers every request a clerk can schedule, which are days or weeks out. Before the
# window the feed held every visit an inspector ever had (3,690 events, 2.2 MB at county
# scale), refetched by every phone each REFRESH.
FEED_PAST = dt.timedelta(days=30)
FEED_AHEAD = dt.timedelta(days=90)
REFRESH = dt.timedelta(hours=1)  # how often a calendar should fetch the feed again
CANCELLED_CASES = frozenset({Application.Status.WITHDRAWN, Application.Status.LAPSED})
PRODID = "-//PermitDesk//Inspection schedule//EN"


def _pack_window(pack: Pack, name: str, on: dt.date) -> Window | None:
    term = f"inspection_window_{name}"
    if not pack.has_term(term):
        return None
    start, end = pack.names(term, on)
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


def window_times(pack: Pack, window: str, on: dt.date) -> Window:
    """The local start and end of an AM, PM or any-time inspection window on `on`."""
    am = _pack_window(pack, "am", on) or DEFAULT_WINDOWS["am"]
    pm = _pack_window(pack, "pm", on) or DEFAULT_WINDOWS["pm"]
    return {"am": am, "pm": pm}.get(window, (am[0], pm[1]))


def assigned_inspections(user: User, first: dt.date, last: dt.date) -> QuerySet[Inspection]:
    """The inspections assigned to `user` scheduled from `first` to `last` (both included):
    one query, whatever their number."""
    return (
        Inspection.objects.filter(inspector_id=user.pk, scheduled_on__range=(first, last))
        .select_related("request", "application__jurisdiction", "application__unit__property")
        .order_by("scheduled_on", "id")
    )


def _where(inspection: Inspection) -> str:
    unit = inspection.application.unit
    place = unit.property
    street = f"{place.address}, unit {unit.label}" if unit.label else place.address
    return f"{street}, {place.city}, {place.state} {place.zip_code}"


def _revised(inspection: Inspection) -> dt.datetime:
    """DTSTAMP: the last moment the visit is known to have changed (requested, or its result
    recorded); not the time of the fetch, which would make every fetch a new document."""
    requested = inspection.request.requested_at
    done = inspection.completed_at
    return max(requested, done) if done is not None else requested


def _event(inspection: Inspection, host: str) -> Event:
    application = inspection.application
    pack = get_pack(application.jurisdiction.slug)
    day = inspection.scheduled_on
    start, end = window_times(pack, inspection.window, day)
    tz = zone(pack)
    request = inspection.request
    visit = "initial inspection" if inspection.number == 1 else "re-inspection"
    case_url = f"{settings.PUBLIC_URL}/cases/{application.pk}/"
    cancelled = (
        inspection.result == Inspection.Result.PENDING and application.status in CANCELLED_CASES
    )
    lines = [
        f"Application {application.pk} ({application.jurisdiction.name}): {case_url}",
        f"Inspection {inspection.number}, {visit}; window {inspection.window.upper()}",
        f"Contact: {request.contact_name}, {request.contact_phone}",
    ]
    if inspection.result != Inspection.Result.PENDING:
        lines.append(f"Result: {inspection.result}")
    if cancelled:
        lines.append(f"Cancelled: the application was {application.status}")
    event = Event()
    event.add("uid", f"inspection-request-{request.pk}@{host}")
    event.add("dtstamp", _revised(inspection).astimezone(dt.UTC))
    event.add("dtstart", dt.datetime.combine(day, start, tzinfo=tz))
    event.add("dtend", dt.datetime.combine(day, end, tzinfo=tz))
    event.add("summary", f"Inspection {inspection.number}: {_where(inspection)}")
    event.add("location", _where(inspection))
    event.add("description", "\n".join(lines))
    event.add("url", case_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def feed_window(now: dt.datetime) -> tuple[dt.date, dt.date]:
    """The first and last day of the feed at `now` (both included)."""
    return (now - FEED_PAST).date(), (now + FEED_AHEAD).date()


def inspector_calendar(user: User, now: dt.datetime) -> bytes:
    """The inspector's schedule in the window around `now` as an iCalendar (RFC 5545)
    document."""
    since, until = feed_window(now)
    host = urlsplit(settings.PUBLIC_URL).hostname or "permitdesk"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Inspections: {user.get_full_name() or user.get_username()}")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    hours = int(REFRESH.total_seconds() // 3600)
    calendar.add("x-published-ttl", f"PT{hours}H")  # Outlook's name for it
    last = since
    for inspection in assigned_inspections(user, since, until).iterator(chunk_size=500):
        calendar.add_component(_event(inspection, host))
        last = max(last, inspection.scheduled_on)
    # Only the zone rules of the feed's dates, not 1970 to 2038.
    calendar.add_missing_timezones(first_date=since, last_date=last + dt.timedelta(days=1))
    return bytes(calendar.to_ical())
