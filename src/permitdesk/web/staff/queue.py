"""The staff home (the user's jurisdictions and the counts of the clerk's queues) and one
queue of one jurisdiction, paginated, oldest first. Counts are capped (cases.counts: "500+"),
so neither page reads the backlog: a jurisdiction's queue counts are one query."""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.counts import queue_counts
from permitdesk.law.loader import get_pack
from permitdesk.web.paging import CappedPaginator
from permitdesk.web.staff import queries
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page

PAGE_SIZE = 25


def desks(user: User) -> list[dict[str, Any]]:
    """The user's jurisdictions by name, their roles there, and the capped counts of the
    clerk's queues where they work the cases: one query for the memberships, one per desk."""
    memberships = (
        Membership.objects.filter(user_id=user.pk)
        .select_related("jurisdiction")
        .order_by("jurisdiction__name", "jurisdiction_id")
    )
    found = []
    for _, group in groupby(memberships, key=attrgetter("jurisdiction_id")):
        held = list(group)
        place, roles = held[0].jurisdiction, frozenset(m.role for m in held)
        counted = queue_counts(place.pk, queries.today_in(place)) if roles & DESK else {}
        titled = [(q, queries.QUEUE_TITLES[q], n) for q, n in counted.items()]
        found.append({"jurisdiction": place, "roles": roles, "queues": titled})
    return found


@staff_page()
def staff_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    desks_ = desks(user)
    return render(
        request,
        "web/staff/home.html",
        {
            "desks": desks_,
            "inspects": any(Role.INSPECTOR in d["roles"] for d in desks_),
        },
    )


@staff_page(DESK)
def queue(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    if name not in queries.QUEUE_TITLES:
        raise Http404(f"queue {name} not found")
    place = queries.desk_jurisdiction(signed_in_user(request), slug)
    pages = CappedPaginator(queries.queue_cases(place, name), PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    pack = get_pack(place.slug)
    due = (
        queries.issue_due(pack, list(page.object_list), timezone.now())
        if name == "ready-to-issue"
        else {}
    )
    return render(
        request,
        "web/staff/queue.html",
        {
            "jurisdiction": place,
            "zone": get_pack(place.slug).jurisdiction.time_zone,
            "queue": name,
            "title": queries.QUEUE_TITLES[name],
            "page": page,
            "due": due,
            "rows": [(case, due.get(case.pk)) for case in page.object_list],
        },
    )
