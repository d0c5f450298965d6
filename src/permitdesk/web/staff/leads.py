"""The clerk's leads of one jurisdiction (sales with no application by the pack's day) and
its review queue (near matches): each lead's evidence, its letter (sent, and its PDF for
the post), a dismissal with its reason, an escalation; each record to review confirmed to
a parcel and unit, or rejected. POST forms, no script; every change is a service of
permitdesk.discovery, whose refusal is shown with its reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from permitdesk.cases.selectors.desks import desk_jurisdiction
from permitdesk.discovery import leads, review
from permitdesk.discovery.letters import render_letter
from permitdesk.discovery.models import Lead
from permitdesk.discovery.selectors import (
    SHOWN,
    lead_of,
    live_leads,
    recently_closed,
    record_of,
    to_review,
)
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.refusals import refusal_text
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page


class DismissForm(forms.Form):
    reason = forms.ChoiceField(label="Reason", choices=Lead.Dismissal.choices)
    note = forms.CharField(label="Note", required=False, max_length=leads.NOTE_LIMIT)


class EscalateForm(forms.Form):
    note = forms.CharField(label="Why", max_length=leads.NOTE_LIMIT)


class ConfirmForm(forms.Form):
    parcel_id = forms.CharField(label="Parcel id", max_length=64)
    unit_label = forms.CharField(label="Unit", required=False, max_length=32)


def _page(request: HttpRequest, slug: str, status: int = 200) -> HttpResponse:
    place = desk_jurisdiction(signed_in_user(request), slug)
    found, reviews = live_leads(place), to_review(place)
    return render(
        request,
        "web/staff/leads.html",
        {
            "jurisdiction": place,
            "leads": list(found[:SHOWN]),
            "total": found.count(),
            "reviews": list(reviews[:SHOWN]),
            "review_total": reviews.count(),
            "shown": SHOWN,
            "reasons": Lead.Dismissal.choices,
            "closed": list(recently_closed(place)),
        },
        status=status,
    )


@require_GET
@staff_page(DESK)
def lead_queue(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, slug)


@require_GET
@staff_page(DESK)
def letter_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lead = lead_of(desk_jurisdiction(signed_in_user(request), slug), pk)
    name, pdf = render_letter(lead, lead.letter_sent_at or lead.opened_at)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _act(
    request: HttpRequest, slug: str, done: str, act: Callable[[], object], form_ok: bool = True
) -> HttpResponse:
    if not form_ok:
        messages.error(request, "Fill in the form: each field says what it allows.")
        return _page(request, slug, status=422)
    try:
        act()
    except Refused as refusal:
        messages.error(request, refusal_text(refusal))
        return _page(request, slug, status=409)
    messages.success(request, done)
    return redirect("web:staff-leads", slug=slug)


Fields = dict[str, Any]
Service = Callable[[Any, User, Fields], object]  # (the lead or record, who, the form's data)


def _action(
    find: Callable[[Jurisdiction, int], Any],
    form_class: type[forms.Form] | None,
    prefix: str,
    done: str,
    service: Service,
) -> Callable[..., HttpResponseBase]:
    """A POST view: the lead or record `pk` of the user's desk `slug`, the form posted (if
    any, its fields prefixed `prefix-pk`), handed to `service`; its refusal shown."""

    @require_POST
    @staff_page(DESK)
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        user = signed_in_user(request)
        found = find(desk_jurisdiction(user, slug), pk)
        form = form_class(request.POST, prefix=f"{prefix}-{pk}") if form_class else None
        ok = form is None or form.is_valid()
        data = form.cleaned_data if form is not None and ok else {}
        return _act(request, slug, done.format(pk=pk), lambda: service(found, user, data), ok)

    return view


send_letter = _action(
    lead_of, None, "", "Lead {pk}: letter recorded as sent (e-mailed where an address is known).",
    lambda lead, user, _: leads.send_letter(lead=lead, actor=user, now=timezone.now()),
)  # fmt: skip
dismiss = _action(
    lead_of, DismissForm, "dismiss", "Lead {pk} dismissed.",
    lambda lead, user, data: leads.dismiss_lead(lead=lead, actor=user, now=timezone.now(), **data),
)  # fmt: skip
escalate = _action(
    lead_of, EscalateForm, "escalate", "Lead {pk} escalated.",
    lambda lead, user, data: leads.escalate_lead(lead=lead, actor=user, now=timezone.now(), **data),
)  # fmt: skip
confirm = _action(
    record_of, ConfirmForm, "confirm",
    "Record {pk} matched; a lead follows if no application comes by its day.",
    lambda record, user, data: review.confirm_match(
        evidence=record, actor=user, now=timezone.now(), **data
    ),
)  # fmt: skip
reject = _action(
    record_of, None, "", "Record {pk}: no property here; left unmatched.",
    lambda record, user, _: review.reject_match(evidence=record, actor=user, now=timezone.now()),
)  # fmt: skip
