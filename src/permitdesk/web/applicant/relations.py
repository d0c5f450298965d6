"""Claiming a relation to a recorded property (owner, managing agent, buyer, tenant),
through permitdesk.records.relations; the clerk verifies it on the staff's claims page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from permitdesk.records.relations import claim_relation
from permitdesk.records.selectors import my_relation
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.applicant.acting import by_user
from permitdesk.web.applicant.forms import ClaimForm
from permitdesk.web.ending import end_page
from permitdesk.web.refusals import attach_refusal, named_jurisdiction


@login_required
def claim_new(request: HttpRequest) -> HttpResponse:
    """The claim form; "add a property" sends a recorded parcel here with its jurisdiction
    and parcel id filled in."""
    if request.method == "POST":
        form = ClaimForm(request.POST)
    else:
        form = ClaimForm(
            initial={k: request.GET.get(k, "") for k in ("jurisdiction", "parcel_id", "kind")}
        )
    if request.method == "POST" and form.is_valid():
        relation = named_jurisdiction(form, by_user(request, claim_relation, **form.arguments()))
        if isinstance(relation, Refused):
            attach_refusal(form, relation)
        elif relation is not None:
            messages.success(
                request,
                f"Your claim as {relation.get_kind_display()} of {relation.property.address} "
                "is with the clerk, who verifies it; you will get an e-mail.",
            )
            return redirect("web:my-cases")
    status = 422 if form.errors else 200
    return render(request, "web/applicant/claim_new.html", {"form": form}, status=status)


@login_required
def relation_end(request: HttpRequest, pk: int) -> HttpResponse:
    """The person ends their own relation (one of theirs, else 404)."""
    relation = my_relation(request.user, pk)
    return end_page(request, request.user, relation, reverse("web:my-cases") + "#relations")  # type: ignore[arg-type]
