"""The clerk schedules an inspection (the service's request, on the clerk's behalf) and
assigns or reassigns its inspector."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.selectors.inspections import inspectors_of
from permitdesk.cases.services.inspections import assign_inspector, request_inspection
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff.access import SERVICE_ERRORS, one_of, signed_in_user, staff_page
from permitdesk.web.staff.case import acted, case_done, case_page
from permitdesk.web.staff.forms import AssignForm, ScheduleForm

# The schedule form's fields that make the request itself (the rest: whom to assign).
REQUEST_FIELDS = ("wanted_on", "window", "contact_name", "contact_phone")


@require_POST
@staff_page()
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    form = ScheduleForm(request.POST, inspectors=inspectors_of(case.jurisdiction))
    if form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        try:
            asked = {name: data[name] for name in REQUEST_FIELDS}
            visit = request_inspection(actor=user, application=case, now=now, **asked)
            if data["inspector"] is not None:
                assign_inspector(actor=user, inspection=visit, inspector=data["inspector"], now=now)
        except SERVICE_ERRORS as error:
            attach_refusal(form, error)
        else:
            messages.success(
                request, f"Inspection {visit.number} scheduled for {visit.scheduled_on:%B %-d, %Y}."
            )
            return redirect("web:staff-case", pk=case.pk)
    return case_page(request, case, 422, schedule_form=form)


@require_POST
@staff_page()
def assign(request: HttpRequest, pk: int, inspection: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    visit = one_of(case.inspections.all(), inspection, "inspection")
    form = AssignForm(
        request.POST,
        prefix=f"assign-{inspection}",
        inspectors=inspectors_of(case.jurisdiction),
    )
    assign_to = partial(assign_inspector, actor=user, inspection=visit, now=timezone.now())
    if form.is_valid():
        inspector = form.cleaned_data["inspector"]
        if acted(form, partial(assign_to, inspector=inspector)):
            name = inspector.get_full_name() or inspector.username
            done = f"Inspection {visit.number} assigned to {name}."
            return case_done(request, case, "inspections", done)
    return case_page(request, case, 422, "inspections", **{f"assign-{inspection}": form})
