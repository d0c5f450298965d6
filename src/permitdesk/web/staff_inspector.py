"""The inspector's day: today's inspections (in each jurisdiction's zone), AM before PM, with
the address, unit and a contact to call; each opens the inspection to record."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden
from permitdesk.web import staff_queries
from permitdesk.web.staff_access import signed_in_user, staff_page


def calendar_feed_url(request: HttpRequest) -> str | None:
    """The inspector's calendar feed (permitdesk.exports), where that app is installed."""
    try:
        from permitdesk.exports.links import feed_url_for
    except ImportError:
        return None
    try:
        return feed_url_for(signed_in_user(request))
    except Forbidden:
        return None


@staff_page({Role.INSPECTOR})
def inspector_day(request: HttpRequest) -> HttpResponse:
    day, visits = staff_queries.inspector_day(signed_in_user(request), timezone.now())
    return render(
        request,
        "web/staff/inspector_day.html",
        {"day": day, "visits": visits, "feed_url": calendar_feed_url(request)},
    )
