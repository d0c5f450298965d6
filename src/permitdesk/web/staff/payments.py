"""The clerk records a payment; the code official waives a fee with a reason. Both answer htmx
with the fees panel alone, and a browser without JS with the whole page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.accounts.permissions import NotFound
from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.services.payments import record_payment, waive_fee
from permitdesk.law.loader import get_pack
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.refusals import attach_refusal
from permitdesk.web.staff.access import signed_in_user, staff_page
from permitdesk.web.staff.case import case_done, case_page
from permitdesk.web.staff.forms import PaymentForm, WaiveForm
from permitdesk.web.staff.panels import payment_methods

SERVICE_ERRORS = (Refused, ValueError)


@require_POST
@staff_page()
def record(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    form = PaymentForm(
        request.POST, methods=payment_methods(get_pack(case.jurisdiction.slug), case)
    )
    if form.is_valid():
        try:
            payment = record_payment(
                actor=user,
                application=case,
                method=form.cleaned_data["method"],
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                idempotency_key=f"web-{form.cleaned_data['key']}",
                now=timezone.now(),
            )
        except SERVICE_ERRORS as error:
            attach_refusal(form, error)
        else:
            done = f"Payment of ${payment.amount} recorded: receipt {payment.receipt_number}."
            return case_done(request, case, "fees", done)
    return case_page(request, case, 422, "fees", payment_form=form)


@require_POST
@staff_page()
def waive(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    fee_line = next((f for f in case.fee_lines.all() if f.pk == line), None)
    if fee_line is None:
        raise NotFound(f"fee line {line} not found")
    form = WaiveForm(request.POST, prefix=f"waive-{line}")
    if form.is_valid():
        try:
            waive_fee(
                actor=user,
                fee_line=fee_line,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except SERVICE_ERRORS as error:
            attach_refusal(form, error)
        else:
            return case_done(request, case, "fees", f"{fee_line.label}: ${fee_line.amount} waived.")
    return case_page(request, case, 422, "fees", **{f"waive-{line}": form})
