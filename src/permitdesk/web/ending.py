"""Ending a relation to a property (the owner sold, the lease or the agent's mandate is over):
one page for the person (from their case list) and for the desk (from the staff's property
page), through permitdesk.records.relations.end_relation, which checks who may and e-mails the
person."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.records.models import Relation
from permitdesk.records.relations import REASON_LIMIT, end_relation, require_may_end
from permitdesk.web.refusals import written


class EndRelationForm(forms.Form):
    reason = forms.CharField(
        label="Why it ends",
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the property was sold on a date; the management agreement "
        "ended; the lease ended. The person reads this in their e-mail.",
        error_messages={
            "required": "Say why the relation ends (the property sold, the agency or the "
            "lease over).",
            "max_length": f"Say why in at most {REASON_LIMIT} characters.",
        },
    )


def end_page(request: HttpRequest, actor: User, relation: Relation, done: str) -> HttpResponse:
    """The form (GET) and the ending (POST); `done`: the page to go back to. NotFound and
    Forbidden (not the person, not the jurisdiction's desk) propagate to the caller's 404/403,
    or, raised by the ending itself, are the 404 and 403 pages (refusals.written)."""
    require_may_end(actor, relation)
    form = EndRelationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        ending = partial(
            end_relation, actor=actor, relation=relation, reason=reason, now=timezone.now()
        )
        if written(form, ending, "reason"):
            messages.success(
                request,
                f"The relation as {relation.get_kind_display()} of {relation.property.address} "
                "has ended; an e-mail says so.",
            )
            return redirect(done)
    live = relation.status in Relation.LIVE
    status = 422 if form.errors else (200 if live else 409)
    context = {
        "relation": relation,
        "form": form,
        "live": live,
        "done": done,
        "yours": relation.person_id == actor.pk,
    }
    return render(request, "web/relation_end.html", context, status=status)
