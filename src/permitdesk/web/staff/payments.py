"""The clerk records a payment; the code official waives a fee with a reason. Both answer htmx
with the fees panel alone, and a browser without JS with the whole page."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.cases.models import Application, Payment
from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.services.payments import record_payment, waive_fee
from permitdesk.law.loader import get_pack
from permitdesk.web.staff.access import one_of, signed_in_user, staff_page
from permitdesk.web.staff.case import acted, case_done, case_page
from permitdesk.web.staff.forms import PaymentForm, WaiveForm
from permitdesk.web.staff.panels import payment_methods


@require_POST
@staff_page()
def record(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    form = PaymentForm(
        request.POST, methods=payment_methods(get_pack(case.jurisdiction.slug), case)
    )
    payment = acted(form, partial(_record, user, case, form)) if form.is_valid() else None
    if payment is None:
        return case_page(request, case, 422, "fees", payment_form=form)
    done = f"Payment of ${payment.amount} recorded: receipt {payment.receipt_number}."
    return case_done(request, case, "fees", done)


def _record(user: User, case: Application, form: PaymentForm) -> Payment:
    """The payment the (valid) form describes; its hidden key makes a form sent twice one
    payment."""
    data = form.cleaned_data
    return record_payment(
        actor=user,
        application=case,
        method=data["method"],
        amount=data["amount"],
        reference=data["reference"],
        idempotency_key=f"web-{data['key']}",
        now=timezone.now(),
    )


@require_POST
@staff_page()
def waive(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    fee_line = one_of(case.fee_lines.all(), line, "fee line")
    form = WaiveForm(request.POST, prefix=f"waive-{line}")
    waive = partial(waive_fee, actor=user, fee_line=fee_line, now=timezone.now())
    if form.is_valid() and acted(form, partial(waive, reason=form.cleaned_data["reason"])):
        return case_done(request, case, "fees", f"{fee_line.label}: ${fee_line.amount} waived.")
    return case_page(request, case, 422, "fees", **{f"waive-{line}": form})
