"""PDF downloads: thin views that check who may see the case and hand back the document.

A case the user may not see answers 404 (its existence is not disclosed); a signed-out user is
sent to sign in; the clerk's daily tenant letters need a staff role in the jurisdiction (403).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, require_staff
from permitdesk.cases.models import Inspection, Payment, Permit
from permitdesk.cases.permissions import visible_applications
from permitdesk.cases.selectors import today_in
from permitdesk.documents.permit import render_permit
from permitdesk.documents.receipt import render_receipt
from permitdesk.documents.tenant_letters import NoLetters, render_tenant_letters
from permitdesk.documents.violation_notice import NoNotice, render_violation_notice
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.report_period import problems

LETTER_ROLES: set[str] = {Role.CLERK, Role.CODE_OFFICIAL}


def pdf_response(filename: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # names and addresses of residents
    return response


def _visible(request: HttpRequest, model: type[Permit | Inspection | Payment], pk: int) -> None:
    """404 unless the object belongs to a case the user may see."""
    cases = visible_applications(request.user)
    if not model.objects.filter(pk=pk, application__in=cases).exists():
        raise Http404(f"no {model._meta.verbose_name} {pk} that you may see")


@require_GET
@login_required
def permit_pdf(request: HttpRequest, permit_id: int) -> HttpResponse:
    _visible(request, Permit, permit_id)
    return pdf_response(*render_permit(permit_id))


@require_GET
@login_required
def violation_notice_pdf(request: HttpRequest, inspection_id: int) -> HttpResponse:
    _visible(request, Inspection, inspection_id)
    try:
        return pdf_response(*render_violation_notice(inspection_id))
    except NoNotice as error:
        raise Http404(str(error)) from None


@require_GET
@login_required
def receipt_pdf(request: HttpRequest, payment_id: int) -> HttpResponse:
    _visible(request, Payment, payment_id)
    return pdf_response(*render_receipt(payment_id))


def _letters_of(request: HttpRequest, slug: str) -> Jurisdiction:
    """The jurisdiction whose tenant letters the user prints: 404 unknown, 403 not its staff."""
    jurisdiction = get_object_or_404(Jurisdiction, slug=slug)
    try:
        require_staff(request.user, jurisdiction.pk, LETTER_ROLES)
    except Forbidden as error:
        raise PermissionDenied(str(error)) from None
    return jurisdiction


@require_GET
@login_required
def tenant_letters_pdf(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    jurisdiction = _letters_of(request, slug)
    try:
        on = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404(f"'{day}' is not a date (YYYY-MM-DD)") from None
    try:
        return pdf_response(*render_tenant_letters(jurisdiction, on))
    except NoLetters as error:
        raise Http404(str(error)) from None


@require_GET
@login_required
def tenant_letters_period_pdf(
    request: HttpRequest, slug: str, first: str, last: str
) -> HttpResponse:
    """The tenant letters of the permits issued from `first` to `last` (both included): the
    clerk's print run for a period (web.staff.periods asks for it). A period that has not
    happened yet or is longer than report_period.MAX_DAYS is 400, naming what is wrong."""
    jurisdiction = _letters_of(request, slug)
    try:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        raise Http404(f"'{first}' to '{last}' is not a period of dates (YYYY-MM-DD)") from None
    wrong = problems(start, end, today_in(jurisdiction))
    if wrong:
        return HttpResponseBadRequest(
            " ".join(wrong.values()), content_type="text/plain; charset=utf-8"
        )
    try:
        return pdf_response(*render_tenant_letters(jurisdiction, start, end))
    except NoLetters as error:
        raise Http404(str(error)) from None
