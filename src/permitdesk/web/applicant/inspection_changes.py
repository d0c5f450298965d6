"""Moving or cancelling a pending inspection request (cases.services.inspection_requests):
the days offered are those a new request could be placed on; once the cut-off has put the
visit on the inspector's schedule the page says so and offers neither."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.cases.actions import Action, allowed_actions
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.case_file import my_case
from permitdesk.cases.services.base import snapshot
from permitdesk.cases.services.inspection_requests import cancel_inspection, reschedule_inspection
from permitdesk.law.loader import get_pack
from permitdesk.rules.lifecycle import Refused, check_change_inspection
from permitdesk.web.applicant.acting import by_user
from permitdesk.web.applicant.forms import InspectionDayForm
from permitdesk.web.applicant.inspections import inspection_days
from permitdesk.web.refusals import on_form, refusal_text, serviced


def _visit(case: Application, inspection: int) -> Inspection:
    found = next(
        (i for i in case.inspections.all() if i.pk == inspection and i.result == "pending"), None
    )
    if found is None:
        raise Http404("inspection not found")
    return found


def _blocked(request: HttpRequest, case: Application, visit: Inspection, now: dt.datetime) -> str:
    """Why the visit can no longer be moved or cancelled here, or ""."""
    if Action.CHANGE_INSPECTION_REQUEST not in allowed_actions(request.user, case):
        return f"An inspection of a case that is {case.get_status_display()} cannot be changed."
    pack = get_pack(case.jurisdiction.slug)
    try:
        check_change_inspection(pack, snapshot(pack, case, now), visit.scheduled_on, now)
    except Refused as refusal:
        return refusal_text(refusal)
    return ""


def _fee_words(case: Application) -> tuple[str, str]:
    """What moving or cancelling costs, from the pack, with its citation."""
    pack = get_pack(case.jurisdiction.slug)
    if not pack.has_term("inspection_change_fee"):
        return "", ""
    on = today_in(pack)
    version = pack.term_version("inspection_change_fee", on)
    words = (
        "There is no fee for moving or cancelling a request."
        if pack.text("inspection_change_fee", on) == "none"
        else "Moving or cancelling a request is charged by the fee schedule."
    )
    return words, pack.cite(version.citation)


def _page(
    request: HttpRequest,
    case: Application,
    visit: Inspection,
    form: InspectionDayForm,
    blocked: str,
    status: int | None = None,
) -> HttpResponse:
    fee, citation = _fee_words(case)
    context = {
        "case": case,
        "visit": visit,
        "form": form,
        "blocked": blocked,
        "fee": fee,
        "fee_citation": citation,
    }
    if status is None:
        status = 422 if form.errors else 200
    return render(request, "web/applicant/inspection_change.html", context, status=status)


@login_required
def inspection_change(request: HttpRequest, pk: int, inspection: int) -> HttpResponse:
    case = my_case(request.user, pk)
    visit = _visit(case, inspection)
    now = timezone.now()
    days = inspection_days(get_pack(case.jurisdiction.slug), case, now)
    form = InspectionDayForm(request.POST or None, days=days, initial={"window": visit.window})
    blocked = _blocked(request, case, visit, now)
    if request.method == "POST" and not blocked and form.is_valid():
        moved = on_form(
            form,
            by_user(request, reschedule_inspection, inspection=visit, now=now, **form.cleaned_data),
        )
        if moved is not None:
            messages.success(
                request,
                f"The inspection is moved to {moved.scheduled_on:%A, %B %-d, %Y}; "
                "the division assigns an inspector and e-mails you.",
            )
            return redirect("web:case", pk=case.pk)
    status = 409 if request.method == "POST" and blocked else None
    return _page(request, case, visit, form, blocked, status)


@login_required
@require_POST
def inspection_cancel(request: HttpRequest, pk: int, inspection: int) -> HttpResponse:
    case = my_case(request.user, pk)
    visit = _visit(case, inspection)
    reason = request.POST.get("reason", "")[:500]
    refused = serviced(by_user(request, cancel_inspection, inspection=visit, reason=reason))
    if isinstance(refused, Refused):
        days = inspection_days(get_pack(case.jurisdiction.slug), case, timezone.now())
        form = InspectionDayForm(days=days, initial={"window": visit.window})
        return _page(request, case, visit, form, refusal_text(refused), status=409)
    messages.success(request, f"The inspection of {visit.scheduled_on:%A, %B %-d} is cancelled.")
    return redirect("web:case", pk=case.pk)
