"""The forms that finish a case on the staff's case page: issue the occupancy permit (with the
occupant's evidence where the pack asks for it), amend it, end one, refund a payment, withdraw
the application. Each checks the input's shape; the service decides whether the case allows it.

`finishing_forms` gives the case page its blank forms, the ones the user sent kept in place."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django import forms

from permitdesk.cases.models import Application, Payment, Permit
from permitdesk.cases.selectors import today_in
from permitdesk.cases.services.permit_endings import END_REASONS
from permitdesk.law.pack import Pack
from permitdesk.rules.quote import Quote, quote
from permitdesk.web.staff.forms import amount_field, override_reason_field, text_field

END_WORDS = {
    "change-of-tenancy": "Change of tenancy (the occupants moved out)",
    "change-of-occupancy": "Change of occupancy (new occupants' permit issued)",
    "term-expired": "The permit's term expired",
    "superseded": "Superseded by a later permit",
    "revoked": "Revoked",
}
assert set(END_WORDS) == set(END_REASONS)
# An ended permit's reason, as the permits table says it.
ENDED_WORDS = {
    "change-of-tenancy": "change of tenancy",
    "change-of-occupancy": "change of occupancy",
    "term-expired": "its term expired",
    "superseded": "superseded",
    "revoked": "revoked",
}
DOCUMENT_WORDS = {
    "lease": "Lease",
    "rent-receipt-with-photo-id": "Rent receipt with photo ID",
    "sales-contract": "Sales contract",
}


def _words(slug: str) -> str:
    return DOCUMENT_WORDS.get(slug, slug.replace("-", " ").capitalize())


def _inline(slug: str) -> str:
    words = _words(slug)
    return words[:1].lower() + words[1:]


def permit_documents(pack: Pack) -> list[str]:
    """The documents the occupant shows for the permit (St. Clair), or none."""
    if not pack.has_term("permit_documents"):
        return []
    return pack.names("permit_documents", today_in(pack))


class IssuePermitForm(forms.Form):
    """The occupancy permit; where the pack names documents, the one the occupant showed."""

    evidence = forms.ChoiceField(
        label="Document the occupant showed",
        widget=forms.RadioSelect,
        help_text="The permit records which one.",
    )
    override_reason = override_reason_field()
    # Sent by the preview's button: without it, the form shows what the permit would be.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, documents: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not documents:
            del self.fields["evidence"]
            return
        allowed = ", ".join(_inline(d) for d in documents)
        field = self.fields["evidence"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d, _words(d)) for d in documents]
        field.error_messages = {
            **field.error_messages,
            "required": f"Choose the document the occupant showed: {allowed}.",
            "invalid_choice": f"%(value)s is not a document the permit accepts: {allowed}.",
        }

    def document(self) -> str:
        return str(self.cleaned_data.get("evidence") or "")


class AmendPermitForm(forms.Form):
    household_changed = forms.BooleanField(
        label="The household changed: an occupant was added, or a visitor stays",
        help_text="The permit in force is superseded by an amended permit with the same end.",
        error_messages={"required": "Tick this box to confirm the household changed."},
    )


class EndPermitForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why the permit ends",
        choices=[("", "- Select -"), *END_WORDS.items()],
        error_messages={
            "required": "Choose why the permit ends: " + ", ".join(END_REASONS) + ".",
            "invalid_choice": "%(value)s is not a reason a permit ends: "
            + ", ".join(END_REASONS)
            + ".",
        },
    )


def _refundable(payment: Payment, refunds: dict[int, Decimal]) -> Decimal:
    return payment.amount + refunds.get(payment.pk, Decimal(0))


def refundable_payments(case: Application) -> list[tuple[Payment, Decimal]]:
    """The case's payments with something left to refund, and how much (from the prefetched
    payments: no query of its own)."""
    paid = list(case.payments.all())
    refunds: dict[int, Decimal] = {}
    for p in paid:
        if p.refund_of_id is not None:
            refunds[p.refund_of_id] = refunds.get(p.refund_of_id, Decimal(0)) + p.amount
    return [
        (p, left)
        for p in paid
        if p.refund_of_id is None and p.amount > 0 and (left := _refundable(p, refunds)) > 0
    ]


# The payment form's fields have no prefix: the refund's amount must not share its id.
REFUND_PREFIX = "refund"


class RefundForm(forms.Form):
    payment = forms.ChoiceField(label="Payment to refund")
    amount = amount_field(
        "Refund amount ($)", "Dollars and cents; at most what is left of the payment."
    )
    reason = text_field(
        "Reason for the refund",
        500,
        help_text="An overpayment, a released deposit, a waived fee already paid.",
    )
    # One key per form shown: sending the same form twice records (and, for a payment taken
    # online, refunds at the provider) once.
    key = forms.CharField(widget=forms.HiddenInput, max_length=80, required=False)

    def __init__(self, *args: Any, payments: list[tuple[Payment, Decimal]], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("key", secrets.token_urlsafe(16))
        super().__init__(*args, **kwargs)
        field = self.fields["payment"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "- Select -")] + [
            (str(p.pk), f"{p.receipt_number}: ${left} refundable") for p, left in payments
        ]
        field.error_messages = {
            **field.error_messages,
            "required": "Choose the payment to refund, by its receipt number.",
            "invalid_choice": "%(value)s is not a payment of this case with anything left "
            "to refund.",
        }

    def chosen(self, payments: list[tuple[Payment, Decimal]]) -> Payment:
        return next(p for p, _ in payments if str(p.pk) == self.cleaned_data["payment"])


class WithdrawForm(forms.Form):
    confirmed = forms.BooleanField(
        label="The applicant no longer wants this permit: withdraw the application",
        help_text="A withdrawn application cannot be reopened; a refund is recorded apart.",
        error_messages={"required": "Tick this box to confirm the withdrawal."},
    )


def amendment_fee(pack: Pack) -> Quote | None:
    """The fee an amended permit adds to the case (St. Clair's $25), or None."""
    if not pack.has_term("permit_amendment_fee_item"):
        return None
    on = today_in(pack)
    return quote(pack, pack.text("permit_amendment_fee_item", on), {}, on)


def end_prefix(permit: Permit) -> str:
    return f"end-{permit.pk}"


def finishing_forms(pack: Pack, case: Application, bound: dict[str, Any]) -> dict[str, Any]:
    """The case page's forms of this module: blank, or the one the user sent (by its name)."""
    found: dict[str, Any] = {
        "issue_form": IssuePermitForm(documents=permit_documents(pack)),
        "amend_form": AmendPermitForm(),
        "withdraw_form": WithdrawForm(),
    }
    if case.status == Application.Status.ISSUED:
        found["amendment_fee"] = amendment_fee(pack)
    found.update({k: v for k, v in bound.items() if k in found})
    found["permits_shown"] = [
        (
            p,
            bound.get(end_prefix(p)) or (EndPermitForm(prefix=end_prefix(p)) if p.active else None),
            ENDED_WORDS.get(p.end_reason, p.end_reason),
        )
        for p in case.permits.all()
    ]
    found["end_refused"] = any(end_prefix(p) in bound for p in case.permits.all())
    return found
