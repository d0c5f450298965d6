"""The staff's page of one case: what it owes, its inspections and permits, and the actions
the user's roles allow (accounts.permissions.ACTIONS) in the case's status. The action views
re-render it with their bound form (status 422) when the input or the service refuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from permitdesk.accounts.permissions import ACTIONS, roles
from permitdesk.cases.models import Application
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.case_file import staff_case
from permitdesk.cases.selectors.inspections import inspectors_of
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.lifecycle import TRANSITIONS
from permitdesk.web.staff.access import signed_in_user, staff_page
from permitdesk.web.staff.forms import (
    DEFAULT_METHODS,
    AssignForm,
    ConditionalPermitForm,
    PaymentForm,
    ScheduleForm,
    TemporaryPermitForm,
    WaiveForm,
)
from permitdesk.web.staff.permit_forms import finishing_forms


@dataclass(frozen=True)
class Allowed:
    """Which actions the page offers: the role may take them and the status admits them."""

    held: frozenset[str]
    status: str

    def __call__(self, action: str) -> bool:
        if not self.held & ACTIONS[action]:
            return False
        return self.status in TRANSITIONS.get(action, (self.status,))


def payment_methods(pack: Pack, case: Application) -> list[str]:
    if not pack.has_term("payment_methods"):
        return list(DEFAULT_METHODS)
    return pack.names("payment_methods", today_in(pack))


def case_page(
    request: HttpRequest, case: Application, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    """The case page; `bound` replaces a blank form by the one the user sent (with errors)."""
    user = signed_in_user(request)
    pack = get_pack(case.jurisdiction.slug)
    held = frozenset(roles(user, case.jurisdiction_id))
    allowed = Allowed(held, case.status)
    inspectors = inspectors_of(case.jurisdiction)
    pending = [i for i in case.inspections.all() if i.result == "pending"]
    blank: dict[str, Any] = {
        "payment_form": PaymentForm(methods=payment_methods(pack, case)),
        "schedule_form": ScheduleForm(inspectors=inspectors),
        "conditional_form": ConditionalPermitForm(),
        "temporary_form": TemporaryPermitForm(),
        **finishing_forms(pack, case, bound),
    }
    waive_forms = {
        line.pk: WaiveForm(prefix=f"waive-{line.pk}")
        for line in case.fee_lines.all()
        if not line.waived_reason
    }
    assign_forms = {
        i.pk: AssignForm(
            prefix=f"assign-{i.pk}",
            inspectors=inspectors,
            initial={"inspector": i.inspector_id},
        )
        for i in pending
    }
    for name, form in bound.items():
        if isinstance(form, WaiveForm):
            waive_forms[int(name.removeprefix("waive-"))] = form
        elif isinstance(form, AssignForm):
            assign_forms[int(name.removeprefix("assign-"))] = form
        else:
            blank[name] = form
    context = {
        "case": case,
        "zone": pack.jurisdiction.time_zone,
        "balance_due": max(case.balance_due, 0),
        "may": {
            action.replace("-", "_"): allowed(action)
            for action in (
                "record-payment",
                "waive-fee",
                "request-inspection",
                "assign-inspector",
                "issue-conditional-permit",
                "issue-temporary-permit",
                "view-audit",
                "record-result",
                "issue-permit",
                "amend-permit",
                "end-permit",
                "withdraw",
            )
        },
        "may_refund": bool(held & ACTIONS["record-payment"]),
        "offers_conditional": pack.has_term("conditional_permit_conditions"),
        "offers_temporary": pack.has_term("temporary_permit_authorizes_occupancy"),
        "fee_lines": [(line, waive_forms.get(line.pk)) for line in case.fee_lines.all()],
        "inspections": [(i, assign_forms.get(i.pk)) for i in case.inspections.all()],
        **blank,
    }
    return render(request, "web/staff/case.html", context, status=status)


@staff_page()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, staff_case(signed_in_user(request), pk))
