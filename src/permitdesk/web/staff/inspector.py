"""The inspector's day: today's inspections (in each jurisdiction's zone), AM before PM, after
any overdue ones, with the address, unit and a contact to call; each opens the inspection to
record."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden
from permitdesk.cases.selectors.inspections import day_sheet, overdue
from permitdesk.web.staff.access import signed_in_user, staff_page


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


# How far the day sheet looks back and ahead of today (a display choice, not a rule).
DAYS_BACK, DAYS_AHEAD = 14, 30


class DayForm(forms.Form):
    ahead = forms.IntegerField(
        label="Days from today",
        required=False,
        min_value=-DAYS_BACK,
        max_value=DAYS_AHEAD,
    )


@staff_page({Role.INSPECTOR})
def inspector_day(request: HttpRequest) -> HttpResponse:
    """Today's sheet, led by the visits overdue (booked for a past day, not recorded);
    ``?ahead=N`` shows the day N days from today (negative: past days)."""
    form = DayForm(request.GET)
    valid = form.is_valid()
    ahead = (form.cleaned_data.get("ahead") or 0) if valid else 0
    user, now = signed_in_user(request), timezone.now()
    day, visits = day_sheet(user, now, ahead)
    context = {
        "day": day,
        "ahead": ahead,
        "earlier": ahead - 1 if ahead > -DAYS_BACK else None,
        "later": ahead + 1 if ahead < DAYS_AHEAD else None,
        "form": form,
        "visits": visits,
        "overdue": list(overdue(user, now)) if ahead == 0 else [],
        "feed_url": calendar_feed_url(request),
    }
    return render(request, "web/staff/inspector_day.html", context, status=200 if valid else 422)
