"""The staff case page, one panel at a time: each builder gives the context of one section
(the summary, the fees and payments, the inspections, the occupants, the permits), so an
action can answer htmx with just the panel it changed. The forms and buttons a panel shows
are those cases.actions.allowed_actions gives the user; `bound` replaces a blank form by the
one the user sent (with its errors)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.models import User

from permitdesk.cases.actions import Action, allowed_actions, flags
from permitdesk.cases.models import Application
from permitdesk.cases.selectors import today_in
from permitdesk.cases.selectors.inspections import inspectors_of
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.payments.selectors import refunds_owed, refunds_unsettled
from permitdesk.records.selectors import relations_to
from permitdesk.web.staff.forms import (
    DEFAULT_METHODS,
    AssignForm,
    ConditionalPermitForm,
    PaymentForm,
    ScheduleForm,
    TemporaryPermitForm,
    WaiveForm,
)
from permitdesk.web.staff.permit_forms import (
    REFUND_PREFIX,
    RefundForm,
    finishing_forms,
    refundable_payments,
)


@dataclass(frozen=True)
class Page:
    """What every panel reads: the case, its pack, the actions allowed, the forms sent."""

    case: Application
    pack: Pack
    allowed: frozenset[Action]
    bound: dict[str, forms.Form] = field(default_factory=dict)

    @classmethod
    def of(cls, user: User, case: Application, bound: dict[str, forms.Form]) -> Page:
        return cls(case, get_pack(case.jurisdiction.slug), allowed_actions(user, case), bound)

    def may(self) -> dict[str, bool]:
        """Each action by its template name (`may.record_payment`): allowed or not."""
        return flags(self.allowed)

    def form(
        self, name: str, blank: Callable[[], forms.Form], offered: bool = True
    ) -> forms.Form | None:
        """The form the user sent as `name`, else a blank one where it is `offered`."""
        sent = self.bound.get(name)
        return sent if sent is not None else blank() if offered else None


def payment_methods(pack: Pack, case: Application) -> list[str]:
    if not pack.has_term("payment_methods"):
        return list(DEFAULT_METHODS)
    return pack.names("payment_methods", today_in(pack))


def summary(page: Page) -> dict[str, Any]:
    case = page.case
    return {
        "balance_due": max(case.balance_due, 0),
        # the applicant's relation to the property: a claim not yet verified holds the case
        "relations": relations_to(case.applicant_id, case.unit.property_id),
    }


def fees(page: Page) -> dict[str, Any]:
    """The fees with their waiver forms, the payments, recording a payment and a refund."""
    case = page.case
    lines = case.fee_lines.all()
    return {
        "fee_lines": [
            (line, page.form(f"waive-{line.pk}", waive(line.pk), not line.waived_reason))
            for line in lines
        ],
        "payment_form": page.form(
            "payment_form", lambda: PaymentForm(methods=payment_methods(page.pack, case))
        ),
        "refund_form": page.form(
            "refund_form",
            lambda: RefundForm(payments=refundable_payments(case), prefix=REFUND_PREFIX),
        ),
        "refunds_owed": refunds_owed(case),
        "refunds_unsettled": refunds_unsettled(case),
        **summary(page),
    }


def waive(line: int) -> Callable[[], forms.Form]:
    return lambda: WaiveForm(prefix=f"waive-{line}")


def inspections(page: Page) -> dict[str, Any]:
    """The inspections with their assignment forms, and scheduling the next one."""
    case = page.case
    inspectors = inspectors_of(case.jurisdiction)

    def assign(visit: int, inspector: int | None) -> Callable[[], forms.Form]:
        initial = {"inspector": inspector}
        prefix = f"assign-{visit}"
        return lambda: AssignForm(prefix=prefix, inspectors=inspectors, initial=initial)

    return {
        "inspections": [
            (i, page.form(f"assign-{i.pk}", assign(i.pk, i.inspector_id), i.result == "pending"))
            for i in case.inspections.all()
        ],
        "schedule_form": page.form("schedule_form", lambda: ScheduleForm(inspectors=inspectors)),
    }


def occupants(page: Page) -> dict[str, Any]:
    return {"occupants": page.case.occupants.all()}


def permits(page: Page) -> dict[str, Any]:
    """The permits, ending one, issuing, amending; conditional and temporary permits where
    the pack provides for them; withdrawing the application."""
    return {
        **finishing_forms(page.pack, page.case, page.bound),
        "offers_conditional": page.pack.has_term("conditional_permit_conditions"),
        "offers_temporary": page.pack.has_term("temporary_permit_authorizes_occupancy"),
        "conditional_form": page.form("conditional_form", ConditionalPermitForm),
        "temporary_form": page.form("temporary_form", TemporaryPermitForm),
    }


PANELS: dict[str, Callable[[Page], dict[str, Any]]] = {
    "summary": summary,
    "fees": fees,
    "inspections": inspections,
    "occupants": occupants,
    "permits": permits,
}


def context(page: Page, *panels: str) -> dict[str, Any]:
    """The context of `panels` (all of them by default), with what every panel reads."""
    found: dict[str, Any] = {
        "case": page.case,
        "zone": page.pack.jurisdiction.time_zone,
        "may": page.may(),
    }
    for name in panels or tuple(PANELS):
        found.update(PANELS[name](page))
    return found
