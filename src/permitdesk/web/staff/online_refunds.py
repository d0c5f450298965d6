"""The clerk refunds, at the provider, an online payment the case could not take."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.payments.refunds import refund_owed
from permitdesk.payments.selectors import owed_checkout
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page


@require_POST
@staff_page(DESK)
def refund_online(request: HttpRequest, pk: int, checkout: int) -> HttpResponse:
    user = signed_in_user(request)
    case = staff_case(user, pk)
    found = owed_checkout(case, checkout)
    if found is None:
        raise Http404(f"online payment {checkout} not found on application {pk}")
    try:
        done = refund_owed(actor=user, checkout=found, now=timezone.now())
    except Refused as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(request, f"Online payment of ${done.amount} refunded at the provider.")
    return redirect("web:staff-case", pk=case.pk)
