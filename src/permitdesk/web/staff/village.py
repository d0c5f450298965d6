"""The village's two records that lived only in the API (Ord. 08-457): a jurisdiction's
change-of-occupancy reports, newest first, with a form to record one for an owner at the
counter; and a case's visitors, with a form to add one. Each write goes through its service
(cases.services.occupants), which checks who may and what is allowed."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.selectors.desks import change_reports, desk_jurisdiction
from permitdesk.cases.services.occupants import add_visitor, report_change_of_occupancy
from permitdesk.law.loader import get_pack
from permitdesk.records.selectors import unit_by_parcel
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff.access import DESK, SERVICE_ERRORS, signed_in_user, staff_page
from permitdesk.web.staff.case import acted

PAGE_SIZE = 25


class ChangeReportForm(forms.Form):
    parcel = forms.CharField(label="Parcel number", max_length=64)
    unit = forms.CharField(
        label="Unit", max_length=32, required=False, help_text="Blank for a house."
    )
    changed_on = forms.DateField(
        label="Date of the change of occupancy",
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class VisitorForm(forms.Form):
    name = forms.CharField(label="Visitor's name", max_length=200)
    arrived_on = forms.DateField(label="Arrived on", widget=forms.DateInput(attrs={"type": "date"}))


@staff_page(DESK)
def change_report_list(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the reports; POST: record one for the unit of a parcel."""
    user = signed_in_user(request)
    place = desk_jurisdiction(user, slug)
    form = ChangeReportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        unit = unit_by_parcel(place.pk, data["parcel"], data["unit"])
        if unit is None:
            where = f"parcel {data['parcel']}" + (f", unit {data['unit']}" if data["unit"] else "")
            form.add_error("parcel", f"No unit of {place.name} is recorded at {where}.")
        else:
            try:
                report = report_change_of_occupancy(
                    actor=user, unit=unit, changed_on=data["changed_on"], now=timezone.now()
                )
            except SERVICE_ERRORS as error:
                attach_refusal(form, error, "changed_on")
            else:
                late = " It is late: more than the days allowed after the change." * report.late
                messages.success(request, f"Change of occupancy at {unit} recorded.{late}")
                return redirect("web:staff-change-reports", slug=place.slug)
    pack = get_pack(place.slug)
    pages = Paginator(
        change_reports(user, slug).select_related("unit__property", "application"), PAGE_SIZE
    )
    context = {
        "jurisdiction": place,
        "offered": pack.has_term("change_report_window"),
        "page": pages.get_page(request.GET.get("page")),
        "form": form,
    }
    return render(
        request, "web/staff/change_reports.html", context, status=422 if form.errors else 200
    )


@staff_page(DESK)
def visitors(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the case's visitors; POST: add one."""
    user = signed_in_user(request)
    case = staff_case(user, pk)
    form = VisitorForm(request.POST if request.method == "POST" else None)
    # The form's fields are the service's arguments: the visitor's name and arrival.
    add = partial(add_visitor, actor=user, application=case, now=timezone.now())
    visitor = acted(form, partial(add, **form.cleaned_data)) if form.is_valid() else None
    if visitor is not None:
        messages.success(request, f"Visitor {visitor.name} added.")
        return redirect("web:staff-case-visitors", pk=case.pk)
    context = {"case": case, "visitors": case.visitors.all(), "form": form}
    return render(request, "web/staff/visitors.html", context, status=422 if form.errors else 200)
