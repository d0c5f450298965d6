"""The clerk's pending claims: people who say they own, manage, buy or rent a property of the
jurisdiction, with their evidence; verify or refuse with a reason (POST forms, no script).
Each decision goes through permitdesk.records.relations, which e-mails the claimant."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from permitdesk.records.relations import REASON_LIMIT, refuse_relation, verify_relation
from permitdesk.records.selectors import CLAIMS_SHOWN, claim, pending_claims
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.ending import end_page
from permitdesk.web.refusals import refusal_text
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page
from permitdesk.web.staff.forms import text_field


class RefuseForm(forms.Form):
    reason = text_field(
        "Why it is refused", REASON_LIMIT, help_text="The claimant reads this in their e-mail."
    )


def _page(request: HttpRequest, status: int = 200) -> HttpResponse:
    claims = pending_claims(signed_in_user(request))
    total = claims.count()
    return render(
        request,
        "web/staff/claims.html",
        {"claims": list(claims[:CLAIMS_SHOWN]), "total": total, "shown": CLAIMS_SHOWN},
        status=status,
    )


@require_GET
@staff_page(DESK)
def claims(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@staff_page(DESK)
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    relation = claim(pk)
    try:
        verify_relation(actor=signed_in_user(request), relation=relation, now=timezone.now())
    except Refused as refusal:
        messages.error(request, refusal_text(refusal))
        return _page(request, status=409)
    messages.success(request, f"Claim {pk} verified; the claimant is told by e-mail.")
    return redirect("web:staff-claims")


@require_POST
@staff_page(DESK)
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    relation = claim(pk)
    form = RefuseForm(request.POST, prefix=f"refuse-{pk}")
    if not form.is_valid():
        messages.error(
            request, f"Claim {pk}: say why it is refused (at most {REASON_LIMIT} characters)."
        )
        return _page(request, status=422)
    try:
        refuse_relation(
            actor=signed_in_user(request),
            relation=relation,
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        )
    except Refused as refusal:
        messages.error(request, refusal_text(refusal))
        return _page(request, status=409)
    messages.success(request, f"Claim {pk} refused; the claimant is told why by e-mail.")
    return redirect("web:staff-claims")


@require_http_methods(["GET", "POST"])
@staff_page(DESK)
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """The desk ends a relation to a parcel of its jurisdiction (from the property page)."""
    relation = claim(pk)
    done = reverse("web:staff-property", args=[relation.property_id])
    return end_page(request, signed_in_user(request), relation, done)
