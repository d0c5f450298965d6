"""The staff home (the user's jurisdictions and the counts of the clerk's queues) and one
queue of one jurisdiction, paginated, oldest first or in another whitelisted order (?sort=),
with the applicant and the days each case has waited. Counts are capped
(cases.selectors.counts: "500+"), so neither page reads the backlog: a jurisdiction's queue
counts are one query."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.desks import (
    days_waiting,
    desk_jurisdiction,
    desks,
    issue_due,
    issue_rule,
    queue_cases,
    queue_title,
)
from permitdesk.cases.selectors.queues import DEFAULT_SORT, MINE, QUEUE_TITLES, SORTS
from permitdesk.law.loader import get_pack
from permitdesk.web.paging import CappedPaginator
from permitdesk.web.staff.access import ANY_STAFF, DESK, signed_in_user, staff_page

PAGE_SIZE = 25
SORT_LABELS = {
    "oldest": "Oldest first",
    "newest": "Newest first",
    "address": "Address",
    "applicant": "Applicant",
}


class SortForm(forms.Form):
    sort = forms.ChoiceField(
        label="Order", choices=[(key, SORT_LABELS[key]) for key in SORTS], required=False
    )


@staff_page(ANY_STAFF)
def staff_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    found = desks(user)
    return render(
        request,
        "web/staff/home.html",
        {
            "desks": found,
            "inspects": any(Role.INSPECTOR in d.roles for d in found),
            "works_cases": any(d.roles & DESK for d in found),
        },
    )


@staff_page(DESK)
def queue(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    if name not in QUEUE_TITLES and name != MINE:
        raise Http404(f"queue {name} not found")
    user = signed_in_user(request)
    place = desk_jurisdiction(user, slug)
    form = SortForm(request.GET)
    valid = form.is_valid()
    sort = (form.cleaned_data.get("sort") or DEFAULT_SORT) if valid else DEFAULT_SORT
    pages = CappedPaginator(queue_cases(place, name, user, sort), PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    pack = get_pack(place.slug)
    now = timezone.now()
    today = today_in(pack, now)
    cases = list(page.object_list)
    due = issue_due(pack, cases, now) if name == "ready-to-issue" else {}
    context = {
        "jurisdiction": place,
        "zone": pack.jurisdiction.time_zone,
        "queue": name,
        "title": queue_title(name),
        "page": page,
        "form": form,
        "sort": sort,
        "sorts": SORT_LABELS,
        "query": f"sort={sort}" if sort != DEFAULT_SORT else "",
        "due": due,
        "issue_rule": issue_rule(pack, today) if name == "ready-to-issue" else None,
        "rows": [(case, due.get(case.pk), days_waiting(case, today, pack)) for case in cases],
    }
    return render(request, "web/staff/queue.html", context, status=200 if valid else 422)
