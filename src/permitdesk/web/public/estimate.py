"""The public fee estimator: choose a jurisdiction's fee item, give the facts it declares, and
see every fee line with its arithmetic and the ordinance sentence behind it.

GET forms throughout, so an estimate is a shareable URL and works without JavaScript."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from permitdesk.cases.selectors import today_in
from permitdesk.law.pack import NotInForce, UnknownName
from permitdesk.rules.facts import FactError
from permitdesk.rules.quote import NotPermitted, Quote, quote
from permitdesk.web.public.forms import FactsForm, facts_used, the_day
from permitdesk.web.public.packs import pack_or_404, schedules


class ChooseItemForm(forms.Form):
    item = forms.ChoiceField(
        label="Fee item",
        help_text="Grouped by jurisdiction: the items of each one's fee schedule.",
        error_messages={
            "required": "Choose a fee item from the list.",
            "invalid_choice": "%(value)s is not a fee item of any jurisdiction: choose one from "
            "the list.",
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.schedules = schedules()
        self.fields["item"].choices = [("", "- Choose a fee item -")] + [  # type: ignore[attr-defined]
            (s.name, [(c.value, c.title) for c in s.items]) for s in self.schedules
        ]


def estimate(request: HttpRequest) -> HttpResponse:
    """Choose the fee item; the choice leads to the item's own page."""
    form = ChooseItemForm(request.GET or None)
    if form.is_bound and form.is_valid():
        jurisdiction, item = form.cleaned_data["item"].split("/", 1)
        return redirect("web:estimate-item", jurisdiction=jurisdiction, item=item)
    status = 422 if form.is_bound else 200
    return render(request, "web/public/estimate.html", {"form": form}, status=status)


def estimate_item(request: HttpRequest, jurisdiction: str, item: str) -> HttpResponse:
    """The facts form of one item and, once it is sent, the itemised estimate."""
    pack = pack_or_404(jurisdiction)
    try:
        fee_item = pack.item(item)
    except UnknownName:
        return render(
            request,
            "web/public/estimate_unknown.html",
            {"pack": pack, "item": item, "list_url": reverse("web:estimate")},
            status=404,
        )
    required = {name for name, spec in fee_item.facts.items() if spec.default is None}
    # An item that needs no fact is estimated at once; others once the form is sent.
    data: Mapping[str, object] | None = request.GET if request.GET else (None if required else {})
    form = FactsForm(data, fee_item.facts, required)
    result: Quote | None = None
    if form.is_valid():
        try:
            result = quote(pack, item, form.given(), the_day(form, today_in(pack)))
        except (FactError, NotPermitted, NotInForce) as refusal:
            form.refuse(refusal)
    context = {
        "pack": pack,
        "item": item,
        "fee_item": fee_item,
        "form": form,
        "quote": result,
        "facts_used": facts_used(form, result.facts) if result else [],
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "web/public/estimate_item.html", context, status=status)
