"""Report a change of occupancy (issue 21; St. Louis County asks trustees and residents to,
seed 004): no sign-in. The form files the report (permitdesk.discovery.reports.file_report)
and sends the reporter to the report's status page, by its reference (a token); the status
says received, matched, under review or closed, and nothing of the owner, the lead or who
reported it. Each client may send a few reports an hour (THROTTLES["report"]): past that, the
form again with a 429 that says when to try again."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from permitdesk.accounts import throttle
from permitdesk.accounts.clients import client_ip
from permitdesk.accounts.permissions import NotFound
from permitdesk.discovery.models import Report
from permitdesk.discovery.reports import DESCRIPTION_LIMIT, Contact, file_report, reference_key
from permitdesk.discovery.selectors import public_report
from permitdesk.records.models import Jurisdiction
from permitdesk.web.refusals import on_form


def _required(what: str) -> dict[str, str]:
    return {"required": what}


def _choose(what: str) -> dict[str, str]:
    """A choice's errors: none made, or one that is not on the list."""
    return {
        "required": f"Choose {what}.",
        "invalid_choice": f"Choose {what} from the list: '%(value)s' is not one.",
    }


class ReportForm(forms.Form):
    jurisdiction = forms.ChoiceField(
        label="Where is the home?",
        help_text="The city, village or county whose occupancy permit program covers it.",
        error_messages=_choose("where the home is"),
    )
    address = forms.CharField(
        label="Street address",
        max_length=200,
        help_text="The house number and street, e.g. 123 N Main St.",
        error_messages=_required("Enter the street address of the home, e.g. 123 N Main St."),
    )
    unit = forms.CharField(
        label="Apartment or unit (if any)", max_length=32, required=False, help_text="e.g. 2B."
    )
    change = forms.ChoiceField(
        label="What changed?",
        choices=Report.Change.choices,
        widget=forms.RadioSelect,
        error_messages=_choose("what changed"),
    )
    changed_on = forms.DateField(
        label="When did it change?",
        help_text="The day, or about. Not a day still to come.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the day it changed (or about).",
            "invalid": "Enter a date, like 2026-11-18.",
        },
    )
    description = forms.CharField(
        label="Anything else the division should know (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DESCRIPTION_LIMIT,
        required=False,
        help_text="Please do not name the neighbours.",
    )
    name = forms.CharField(label="Your name (optional)", max_length=200, required=False)
    email = forms.CharField(
        label="Your e-mail address (optional)",
        max_length=254,
        required=False,
        widget=forms.EmailInput,
    )
    phone = forms.CharField(label="Your phone number (optional)", max_length=32, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        places = Jurisdiction.objects.order_by("name").values_list("slug", "name")
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "- Choose one -"), *places]

    def filing(self) -> dict[str, Any]:
        """The cleaned fields as file_report takes them: the reporter's own as the contact."""
        data = dict(self.cleaned_data)
        contact = Contact(**{name: data.pop(name) for name in ("name", "email", "phone")})
        return {**data, "contact": contact}


def _form_page(request: HttpRequest, form: ReportForm, status: int = 200) -> HttpResponse:
    return render(request, "web/public/report.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """The form; once sent, the report filed and the reporter sent to its status page."""
    if request.method != "POST":
        return _form_page(request, ReportForm())
    form = ReportForm(request.POST)
    now = timezone.now()
    try:
        throttle.count("report", client_ip(request), now=now)
    except throttle.Throttled as over:
        response = render(
            request, "web/public/report.html", {"form": form, "limited": str(over)}, status=429
        )
        response["Retry-After"] = str(over.retry_after)
        return response
    if not form.is_valid():
        return _form_page(request, form, 422)
    filed = on_form(
        form, partial(file_report, channel=Report.Channel.WEB, now=now, **form.filing())
    )
    if filed is None:
        return _form_page(request, form, 422)
    return redirect(reverse("web:report-status", args=[filed.reference]) + "?new=1")


class CheckForm(forms.Form):
    reference = forms.CharField(
        label="Your report's reference",
        max_length=20,
        help_text="As shown when you sent it, e.g. K7QM-3XTA-9PWR.",
        error_messages=_required("Enter the reference shown when you sent the report."),
    )


@require_GET
def report_check(request: HttpRequest) -> HttpResponse:
    """Look a report up by its reference: its status page, or the form again."""
    form = CheckForm(request.GET or None)
    if not form.is_bound:
        return render(request, "web/public/report_check.html", {"form": form})
    if form.is_valid():
        key = reference_key(form.cleaned_data["reference"])
        if key:
            return redirect("web:report-status", key)
        form.add_error("reference", "A reference is 12 letters and digits, e.g. K7QM-3XTA-9PWR.")
    return render(request, "web/public/report_check.html", {"form": form}, status=422)


@require_GET
def report_status(request: HttpRequest, reference: str) -> HttpResponse:
    """A report's status; a 404 that discloses nothing for a reference that is not one."""
    key = reference_key(reference)
    try:
        found = public_report(key) if key else None
    except NotFound:
        found = None
    if found is None:
        context = {"form": CheckForm(), "unknown": True}
        return render(request, "web/public/report_check.html", context, status=404)
    context = {"report": found, "new": request.GET.get("new") == "1"}
    return render(request, "web/public/report_status.html", context)
