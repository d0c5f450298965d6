""" "Do I need a permit?": the eligibility rules of each jurisdiction's pack as a form, and the
answer with its reasons and citations. GET forms, so an answer is a shareable URL."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from permitdesk.cases.selectors import today_in
from permitdesk.law.loader import all_packs
from permitdesk.law.pack import NotInForce, Pack
from permitdesk.law.vocabulary import ELIGIBILITY_FACTS
from permitdesk.rules.eligibility import Eligibility, eligibility
from permitdesk.rules.facts import FactError
from permitdesk.web.public.forms import FactsForm, facts_used, the_day
from permitdesk.web.public.packs import pack_or_404

# What the rules cannot decide without; the others are asked for only where a rule reads them,
# and the rules say so next to the field.
REQUIRED = {"event"}


def guides(request: HttpRequest) -> HttpResponse:
    """The jurisdictions, each with its guide."""
    return render(request, "web/public/guides.html", {"packs": list(all_packs())})


def guide(request: HttpRequest, slug: str) -> HttpResponse:
    pack = pack_or_404(slug)
    form = FactsForm(request.GET or None, ELIGIBILITY_FACTS, REQUIRED)
    answer: Eligibility | None = None
    if form.is_valid():
        try:
            answer = eligibility(pack, form.given(), the_day(form, today_in(pack)))
        except (FactError, NotInForce) as refusal:
            form.refuse(refusal)
    status = 422 if form.is_bound and form.errors else 200
    used = facts_used(form, answer.facts) if answer else []
    context = {
        "pack": pack,
        "form": form,
        "answer": answer,
        "facts_used": used,
        "apply_url": apply_url(request, form.given()) if applies(pack, answer) else "",
    }
    return render(request, "web/public/guide.html", context, status=status)


def applies(pack: Pack, answer: Eligibility | None) -> bool:
    """Whether the answer requires something one applies for here: a fee item the
    jurisdiction files as a case (not the village's report to its Clerk)."""
    filed = set(pack.case_items())
    return answer is not None and any(f.required and f.fee_item in filed for f in answer.findings)


def apply_url(request: HttpRequest, given: dict[str, str]) -> str:
    """Where "Apply for a permit" leads from an answer that requires something: the apply
    form with the event the guide was told (through the sign-in page for a visitor)."""
    url = reverse("web:apply") + "?" + urlencode({"trigger": given.get("event", "")})
    if request.user.is_authenticated:
        return url
    return reverse("web:sign-in") + "?" + urlencode({"next": url})
