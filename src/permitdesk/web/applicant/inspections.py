"""Requesting the inspection or the re-inspection, on a day the rules allow: the list offers
only the business days (no weekend, no state holiday) from the first day the jurisdiction's
processing time and cut-off leave open; the service checks the chosen day again."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.models import Application
from permitdesk.cases.selectors.case_file import my_case
from permitdesk.cases.services.base import snapshot
from permitdesk.cases.services.inspections import request_inspection
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import earliest_inspection_day, is_business_day
from permitdesk.rules.first_day import first_day
from permitdesk.rules.lifecycle import Refused, check_request_inspection
from permitdesk.web.applicant.acting import signed_in
from permitdesk.web.applicant.forms import InspectionRequestForm
from permitdesk.web.refusals import refused_field

DAYS_OFFERED = 20  # business days listed ahead: how far the page looks, not a rule


def inspection_days(pack: Pack, case: Application, now: dt.datetime) -> list[dt.date]:
    """The days an inspection requested `now` may be placed on: from the first day the rules
    allow (the service's own earliest_inspection_day), business days only."""
    day = earliest_inspection_day(pack, now, case.processed_at)
    days: list[dt.date] = []
    while len(days) < DAYS_OFFERED:
        if is_business_day(pack, day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def blocked(pack: Pack, case: Application, first: dt.date, now: dt.datetime) -> Refused | None:
    """Why no inspection can be requested now (status, fee first), checked on the first day."""
    try:
        check_request_inspection(pack, snapshot(pack, case, now), first, now)
    except Refused as refusal:
        return refusal
    return None


@login_required
def inspection_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = my_case(request.user, pk)
    pack = get_pack(case.jurisdiction.slug)
    now = timezone.now()
    days = inspection_days(pack, case, now)
    refusal = blocked(pack, case, days[0], now)
    form = InspectionRequestForm(
        request.POST or None,
        days=days,
        initial={"contact_name": request.user.get_full_name()},  # type: ignore[union-attr]
    )
    if request.method == "POST" and refusal is None and form.is_valid():
        try:  # the form's fields are the request's: the day, the window and the contact
            inspection = request_inspection(
                actor=signed_in(request), application=case, now=now, **form.cleaned_data
            )
        except NotFound:
            raise Http404("case not found") from None
        except Forbidden as denied:
            raise PermissionDenied(str(denied)) from None
        except Refused as refused:  # what remains to refuse is the day, where it names none
            form.add_error(refused_field(form, refused, "wanted_on"), refused.reason)
        else:
            kind = "Inspection" if inspection.number == 1 else "Re-inspection"
            messages.success(
                request, f"{kind} requested for {inspection.scheduled_on:%A, %B %-d, %Y}."
            )
            return redirect("web:case", pk=case.pk)
    context = {
        "case": case,
        "form": form,
        "refusal": refusal,
        "again": bool(case.inspections.all()),
        "cutoff": pack.has_term("inspection_request_cutoff"),
        "first": first_day(pack, now, case.processed_at),
    }
    status = 422 if form.errors or (request.method == "POST" and refusal) else 200
    return render(request, "web/applicant/inspection_request.html", context, status=status)
