"""The staff home (the user's jurisdictions, the counts of the clerk's queues, links to the
print runs and exports) and one queue of one jurisdiction, paginated, oldest first or in
another whitelisted order (?sort=), with the applicant and the days each case has waited;
the queues of cases waiting for an inspector assign several at once. Counts are capped
(cases.selectors.counts: "500+"), so neither page reads the backlog: a jurisdiction's queue
counts are one query."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Inspection
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
from permitdesk.cases.selectors.inspections import inspectors_of, pending_of
from permitdesk.cases.selectors.queues import DEFAULT_SORT, MINE, QUEUE_TITLES, SORTS
from permitdesk.cases.services.inspections import assign_inspectors
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.web.paging import CappedPaginator
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff import reports
from permitdesk.web.staff.access import ANY_STAFF, DESK, SERVICE_ERRORS, signed_in_user, staff_page
from permitdesk.web.staff.forms import inspector_choices

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
    rows = []
    for desk in found:
        slug = desk.jurisdiction.slug
        today = today_in(desk.jurisdiction) if desk.roles & DESK else None
        runs = reports.print_runs(slug, today) if today else []
        files = reports.exports(slug, today) if today else []
        changes = reports.change_reports(slug) if today else None
        filed = reports.owner_filings(slug) if today else None
        rows.append((desk, runs, files, changes, filed))
    return render(
        request,
        "web/staff/home.html",
        {
            "desks": rows,
            "inspects": any(Role.INSPECTOR in d.roles for d in found),
            "works_cases": any(d.roles & DESK for d in found),
        },
    )


# The queues whose cases wait for an inspector: their page offers the bulk assignment.
ASSIGNABLE = ("ready-to-schedule", "inspections-due")


class BulkAssignForm(forms.Form):
    """Several pending inspections of a jurisdiction, to one of its inspectors."""

    inspections = forms.ModelMultipleChoiceField(
        label="Inspections", queryset=Inspection.objects.none()
    )
    inspector = forms.ModelChoiceField(label="Assign the selected to", queryset=User.objects.none())

    def __init__(self, *args: Any, place: Jurisdiction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["inspections"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Inspection.objects.filter(
            application__jurisdiction_id=place.pk, result=Inspection.Result.PENDING
        ).order_by("pk")
        field.error_messages["required"] = "Select at least one case to assign."
        inspector_choices(self, inspectors_of(place))


@staff_page(DESK)
def queue(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    place = _queue_place(request, slug, name)
    return _queue_page(request, place, name)


@require_POST
@staff_page(DESK)
def assign(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """The bulk assignment: one service call per inspection, in one transaction, each audited
    (cases.services.inspections.assign_inspectors); refused, nothing is assigned."""
    place = _queue_place(request, slug, name)
    if name not in ASSIGNABLE:
        raise Http404(f"queue {name} has no assignment")
    form = BulkAssignForm(request.POST, place=place)
    if form.is_valid():
        inspector = form.cleaned_data["inspector"]
        chosen = list(form.cleaned_data["inspections"])
        try:
            assign_inspectors(
                actor=signed_in_user(request),
                inspections=chosen,
                inspector=inspector,
                now=timezone.now(),
            )
        except SERVICE_ERRORS as error:
            attach_refusal(form, error, "inspections")
        else:
            person = inspector.get_full_name() or inspector.username
            messages.success(
                request, f"{len(chosen)} inspection{pluralize(len(chosen))} assigned to {person}."
            )
            back = reverse("web:staff-queue", kwargs={"slug": place.slug, "name": name})
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{back}?{query}" if query else back)
    return _queue_page(request, place, name, form, 422)


def _queue_place(request: HttpRequest, slug: str, name: str) -> Jurisdiction:
    if name not in QUEUE_TITLES and name != MINE:
        raise Http404(f"queue {name} not found")
    return desk_jurisdiction(signed_in_user(request), slug)


def _queue_page(
    request: HttpRequest,
    place: Jurisdiction,
    name: str,
    assign_form: BulkAssignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
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
    assignable = name in ASSIGNABLE
    pending = pending_of(place.pk, [c.pk for c in cases]) if assignable else {}
    context = {
        "jurisdiction": place,
        "zone": pack.jurisdiction.time_zone,
        "queue": name,
        "title": queue_title(name),
        "page": page,
        "form": form,
        "sort": sort,
        "query": f"sort={sort}" if sort != DEFAULT_SORT else "",
        "due": due,
        "issue_rule": issue_rule(pack, today) if name == "ready-to-issue" else None,
        "assign_form": (assign_form or BulkAssignForm(place=place)) if assignable else None,
        "rows": [
            (case, due.get(case.pk), days_waiting(case, today, pack), pending.get(case.pk))
            for case in cases
        ],
    }
    return render(request, "web/staff/queue.html", context, status=status if valid else 422)
