"""One inspection, for the inspector assigned to it (or the jurisdiction's code official):
the case's contact, directions and bedrooms, the violations of the last failed visit on a
re-inspection, the pack's checklist, and the result — passed, failed with violations
(citation, note, photo), or no access — recorded by the inspections service."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.models import Inspection, Violation
from permitdesk.cases.permissions import visible_applications
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.inspections import assigned_inspection, earlier_violations
from permitdesk.cases.services.inspections import ViolationInput, record_inspection_result
from permitdesk.law.loader import get_pack
from permitdesk.web.nav import staff_roles
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff import row_violations
from permitdesk.web.staff.access import SERVICE_ERRORS, signed_in_user, staff_page
from permitdesk.web.staff.checklist import ChecklistForm, checklist_rows
from permitdesk.web.staff.directions import directions_url
from permitdesk.web.staff.inspection_forms import (
    BaseViolationFormSet,
    ResultForm,
    ViolationFormSet,
)


def _check_violations(result: ResultForm, found: list[ViolationInput]) -> None:
    chosen = result.cleaned_data.get("result")
    if chosen == "failed" and not found:
        result.add_error(
            "result",
            "A failed inspection lists at least one violation: mark the item that fails "
            "Deficient (its violation is filled in from the item), or describe one below.",
        )
    elif chosen and chosen != "failed" and found:
        result.add_error(
            "result",
            "Violations are recorded only when the inspection fails: choose Failed, or mark "
            "no item Deficient.",
        )


def _apart(violations: BaseViolationFormSet) -> list[ViolationInput]:
    """The violations found apart from the checklist (the blocks below it)."""
    return [
        ViolationInput(
            v["code_citation"], v["description"], v["correction"], v["photo"], v["severity"]
        )
        for v in violations.filled()
    ]


@staff_page()
def record(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    visit = assigned_inspection(user, pk)
    case = visit.application
    pack = get_pack(case.jurisdiction.slug)
    now = timezone.now()
    rows = checklist_rows(pack, list(case.unit.bedrooms.all()), today_in(pack, now))
    post = request.method == "POST" and visit.result == Inspection.Result.PENDING
    data = request.POST if post else None
    files = request.FILES if post else None
    checklist = ChecklistForm(data, rows=rows, prefix="check", initial=visit.checklist)
    result = ResultForm(data, prefix="result")
    severities = {
        key: (level.label, level.correct_within_days)
        for key, level in pack.severities(today_in(pack, now)).items()
    }
    violations = ViolationFormSet(
        data, files, prefix="violation", form_kwargs={"severities": severities}
    )
    assert isinstance(violations, BaseViolationFormSet)
    tied = row_violations.row_forms(data, files, rows, severities)
    if post:
        valid = checklist.is_valid() & result.is_valid() & violations.is_valid()
        valid = valid and row_violations.valid(checklist, tied)
        found = row_violations.inputs(checklist, tied) + _apart(violations) if valid else []
        tied = row_violations.settle(checklist, tied) if checklist.is_valid() else tied
        if valid:
            _check_violations(result, found)
        if valid and not result.errors:
            try:
                record_inspection_result(
                    actor=user,
                    inspection=visit,
                    result=result.cleaned_data["result"],
                    violations=found,
                    checklist=checklist.findings(),
                    notes=result.cleaned_data["notes"],
                    now=now,
                    override_reason=result.cleaned_data["override_reason"],
                )
            except SERVICE_ERRORS as error:
                attach_refusal(result, error)
            else:
                messages.success(
                    request,
                    f"Inspection at {case.unit} recorded: {result.cleaned_data['result']}.",
                )
                if Role.INSPECTOR in staff_roles(request):
                    return redirect("web:inspector-day")
                return redirect("web:staff-case", pk=case.pk)  # a code official's, from the case
    context = {
        "visit": visit,
        "case": case,
        "zone": pack.jurisdiction.time_zone,
        "checklist": checklist,
        # Each row: its finding, what it checks, and the violation it carries if deficient.
        "rows": [
            (bound, row, form)
            for (bound, row), (_, form) in zip(checklist.items(), tied, strict=True)
        ],
        "result_form": result,
        "violations": violations,
        "citations": sorted({row.citation for row in rows}),
        "directions": directions_url(case.unit.property),
        "earlier": earlier_violations(visit),
    }
    return render(request, "web/staff/inspection.html", context, status=422 if post else 200)


@staff_page()
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A violation's photo, for the staff who may see its case."""
    user = signed_in_user(request)
    staff_of = Membership.objects.filter(user_id=user.pk).values("jurisdiction_id")
    cases = visible_applications(user).filter(jurisdiction_id__in=staff_of)
    found = Violation.objects.filter(pk=pk, inspection__application__in=cases).first()
    if found is None or not found.photo:
        raise Http404("photo not found")
    kind = mimetypes.guess_type(found.photo.name or "")[0] or "application/octet-stream"
    return FileResponse(found.photo.open("rb"), content_type=kind)
