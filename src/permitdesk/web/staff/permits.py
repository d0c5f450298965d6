"""The actions that finish a case, for the clerk and the code official: issue the occupancy
permit (a preview of it first, then the clerk's confirmation), amend it, end it, refund a
payment, withdraw the application. Each goes through its
service; a refusal is the form's error in the service's words, with the case left as it was."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.services.applications import withdraw_application
from permitdesk.cases.services.permit_amendments import amend_permit
from permitdesk.cases.services.permit_endings import end_permit
from permitdesk.cases.services.permit_preview import preview_permit
from permitdesk.cases.services.permits import issue_permit
from permitdesk.law.loader import get_pack
from permitdesk.payments import refunds as online
from permitdesk.payments.models import ProviderRefund
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff.access import DESK, SERVICE_ERRORS, one_of, signed_in_user, staff_page
from permitdesk.web.staff.case import acted, back_to_case, case_done, case_page, confirmed_action
from permitdesk.web.staff.permit_forms import (
    END_WORDS,
    REFUND_PREFIX,
    AmendPermitForm,
    EndPermitForm,
    IssuePermitForm,
    RefundForm,
    WithdrawForm,
    end_prefix,
    permit_documents,
    refundable_payments,
)


@require_POST
@staff_page(DESK)
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    pack = get_pack(case.jurisdiction.slug)
    form = IssuePermitForm(request.POST, documents=permit_documents(pack))
    if form.is_valid():
        arguments = {
            "actor": user,
            "application": case,
            "evidence": form.document(),
            "now": timezone.now(),
            "override_reason": form.cleaned_data.get("override_reason", ""),
        }
        try:
            if not form.cleaned_data.get("confirmed"):  # first the preview, then the permit
                preview = preview_permit(**arguments)
                context = {"case": case, "preview": preview, "form": form, "pack": pack}
                return render(request, "web/staff/permit_preview.html", context)
            permit = issue_permit(**arguments)
        except SERVICE_ERRORS as error:
            attach_refusal(form, error)
        else:
            return back_to_case(request, case, f"Occupancy permit {permit.number} issued.")
    return case_page(request, case, 422, issue_form=form)


@require_POST
@staff_page(DESK)
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    return confirmed_action(
        request,
        pk,
        amend_permit,
        ("amend_form", AmendPermitForm),
        lambda permit: f"Amended permit {permit.number} issued.",
    )


@require_POST
@staff_page(DESK)
def end(request: HttpRequest, pk: int, permit: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    chosen = one_of(case.permits.all(), permit, "permit")
    form = EndPermitForm(request.POST, prefix=end_prefix(chosen))
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        end_it = partial(end_permit, actor=user, permit=chosen, reason=reason, now=timezone.now())
        if acted(form, end_it) is not None:
            ended = f"Permit {chosen.number} ended: {END_WORDS[reason].lower()}."
            return back_to_case(request, case, ended)
    return case_page(request, case, 422, **{end_prefix(chosen): form})


@require_POST
@staff_page(DESK)
def refund(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    payments = refundable_payments(case)
    form = RefundForm(request.POST, payments=payments, prefix=REFUND_PREFIX)
    made = None
    if form.is_valid():
        data = form.cleaned_data
        refund_it = partial(
            online.refund,
            actor=user,
            payment=form.chosen(payments),
            amount=data["amount"],
            reason=data["reason"],
            now=timezone.now(),
            idempotency_key=data["key"] or None,
        )
        made = acted(form, refund_it)
    if made is None:
        return case_page(request, case, 422, "fees", refund_form=form)
    done = (
        f"Refund of ${made.amount:.2f} sent to the payment provider, which reports it "
        "pending: it is recorded here when the provider confirms it."
        if isinstance(made, ProviderRefund)
        else f"Refund of ${-made.amount:.2f} recorded: receipt {made.receipt_number}."
    )
    return case_done(request, case, "fees", done)


@require_POST
@staff_page(DESK)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return confirmed_action(
        request,
        pk,
        withdraw_application,
        ("withdraw_form", WithdrawForm),
        lambda case: f"Application {case.pk} withdrawn.",
    )
