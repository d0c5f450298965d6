"""The staff home (the user's jurisdictions and the counts of the clerk's queues) and one
queue of one jurisdiction, paginated, oldest first. Counts are capped (cases.selectors.counts:
"500+"), so neither page reads the backlog: a jurisdiction's queue counts are one query."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.cases.selectors.desks import desk_jurisdiction, desks, issue_due, queue_cases
from permitdesk.cases.selectors.queues import QUEUE_TITLES
from permitdesk.law.loader import get_pack
from permitdesk.web.paging import CappedPaginator
from permitdesk.web.staff.access import ANY_STAFF, DESK, signed_in_user, staff_page

PAGE_SIZE = 25


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
    if name not in QUEUE_TITLES:
        raise Http404(f"queue {name} not found")
    place = desk_jurisdiction(signed_in_user(request), slug)
    pages = CappedPaginator(queue_cases(place, name), PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    pack = get_pack(place.slug)
    due = (
        issue_due(pack, list(page.object_list), timezone.now()) if name == "ready-to-issue" else {}
    )
    return render(
        request,
        "web/staff/queue.html",
        {
            "jurisdiction": place,
            "zone": get_pack(place.slug).jurisdiction.time_zone,
            "queue": name,
            "title": QUEUE_TITLES[name],
            "page": page,
            "due": due,
            "rows": [(case, due.get(case.pk)) for case in page.object_list],
        },
    )
