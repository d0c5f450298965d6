"""Exports and print runs for any period (issue 20: the home offered only this month and last
month, which stay there as shortcuts). The clerk picks what (a CSV export, or the tenant
letters of the permits issued in the period) and from and to; a period that may be asked
(report_period: no day after today, at most MAX_DAYS) is sent on to its download, which
checks again who may have it. Bad input: the page again, each field saying what is wrong."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.desks import desk_jurisdiction
from permitdesk.rules.report_period import MAX_DAYS, problems
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page
from permitdesk.web.staff.reports import EXPORT_LABELS

LETTERS = "tenant-letters"
CHOICES = [(kind, f"{label} (CSV)") for kind, label in EXPORT_LABELS.items()] + [
    (LETTERS, "Tenant letters of the permits issued (PDF to print)")
]
DATE_HINT = "For example: 2026-11-01"


class PeriodForm(forms.Form):
    what = forms.ChoiceField(label="What", choices=CHOICES, widget=forms.RadioSelect)
    first = forms.DateField(
        label="From",
        help_text=DATE_HINT,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Write From as a date, e.g. 2026-11-01."},
    )
    last = forms.DateField(
        label="To",
        help_text=f"{DATE_HINT}. Both days are included; at most {MAX_DAYS} days.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Write To as a date, e.g. 2026-11-30."},
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("first", "last"):  # the browser's date picker stops at today too
            self.fields[name].widget.attrs["max"] = today.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last:
            fields = {"from": "first", "to": "last"}
            for name, message in problems(first, last, self.today).items():
                self.add_error(fields[name], message)
        return cleaned


def _download(slug: str, what: str, first: dt.date, last: dt.date) -> str:
    if what == LETTERS:
        return reverse(
            "documents:tenant-letters-period",
            kwargs={"slug": slug, "first": first.isoformat(), "last": last.isoformat()},
        )
    query = urlencode({"jurisdiction": slug, "from": first, "to": last})
    return f"{reverse('exports:export-csv', kwargs={'kind': what})}?{query}"


@require_GET
@staff_page(DESK)
def exports_for_a_period(request: HttpRequest, slug: str) -> HttpResponseBase:
    place = desk_jurisdiction(signed_in_user(request), slug)
    today = today_in(place)
    asked = bool(request.GET)
    form = PeriodForm(
        request.GET if asked else None,
        today=today,
        initial={"what": "cases", "first": today.replace(day=1), "last": today},
    )
    if asked and form.is_valid():
        data = form.cleaned_data
        return redirect(_download(place.slug, data["what"], data["first"], data["last"]))
    return render(
        request,
        "web/staff/exports.html",
        {"jurisdiction": place, "form": form, "max_days": MAX_DAYS, "today": today},
        status=422 if form.errors else 200,
    )
