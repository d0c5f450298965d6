"""The forms of the staff's case actions: payment, fee waiver, scheduling and assigning an
inspection, conditional and temporary permits. Each validates the input's shape; the service
decides whether the case allows it."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet

from permitdesk.cases.models.applications import REFERENCE_MAX
from permitdesk.web.words import payment_method


def amount_field(label: str, help_text: str) -> forms.DecimalField:
    """An amount of money the staff type: dollars and cents, more than zero (a payment, a
    refund); what it may be at most the service checks."""
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=help_text,
    )


def text_field(label: str, max_length: int, rows: int = 2, **options: Any) -> forms.CharField:
    """A box of free text the staff write (a reason, a statement, notes), `rows` high."""
    widget = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, max_length=max_length, widget=widget, **options)


def override_reason_field() -> forms.CharField:
    """A code official's written reason to override the schedule the rules set (the result
    and the permit forms); the service refuses it from anyone else, and audits it."""
    return text_field(
        "Override reason (code officials only)",
        2000,
        required=False,
        help_text="Only where the schedule the rules set must give way (before processing "
        "ends, before the day booked): say why. It is kept in the case's audit trail.",
    )


# Where the pack names no payment methods the service accepts any; the desk offers these.
DEFAULT_METHODS = ("cash", "check", "card")
WINDOWS = [("am", "Morning (AM)"), ("pm", "Afternoon (PM)"), ("any", "Any time")]


class DateInput(forms.DateInput):
    input_type = "date"


class PaymentForm(forms.Form):
    method = forms.ChoiceField(label="Method of payment")
    amount = amount_field("Amount ($)", "Dollars and cents, e.g. 80.00; at most the balance due.")
    reference = forms.CharField(
        label="Check number or card reference",
        required=False,
        max_length=REFERENCE_MAX,
        help_text="As printed on the check or the card terminal's slip; none for cash.",
    )
    # One key per form shown: sending the same form twice records one payment.
    key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args: Any, methods: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("key", secrets.token_urlsafe(16))
        super().__init__(*args, **kwargs)
        field = self.fields["method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "- Select -")] + [(m, payment_method(m)) for m in methods]


class WaiveForm(forms.Form):
    reason = text_field("Reason for the waiver", 500, help_text="Kept in the case's history.")


class ScheduleForm(forms.Form):
    wanted_on = forms.DateField(label="Inspection date", widget=DateInput)
    window = forms.ChoiceField(label="Time of day", choices=WINDOWS, initial="any")
    contact_name = forms.CharField(label="Contact name", max_length=200)
    contact_phone = forms.CharField(label="Contact phone", max_length=32)
    inspector = forms.ModelChoiceField(
        label="Inspector", queryset=User.objects.none(), required=False, empty_label="Later"
    )

    def __init__(self, *args: Any, inspectors: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inspector_choices(self, inspectors)


class AssignForm(forms.Form):
    inspector = forms.ModelChoiceField(label="Inspector", queryset=User.objects.none())

    def __init__(self, *args: Any, inspectors: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inspector_choices(self, inspectors)


def _person(user: User) -> str:
    return user.get_full_name() or user.username


def inspector_choices(form: forms.Form, inspectors: QuerySet[User]) -> None:
    field = form.fields["inspector"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = inspectors
    field.label_from_instance = _person  # type: ignore[method-assign,assignment]


class ConditionalPermitForm(forms.Form):
    owner_statement = text_field(
        "The owner's statement",
        2000,
        rows=3,
        help_text="That the deficiencies will be corrected, and how.",
    )
    correction_due_on = forms.DateField(
        label="Corrections due by", widget=DateInput, help_text="A date after today."
    )


class TemporaryPermitForm(forms.Form):
    utilities_in_owner_name = forms.BooleanField(
        label="The owner or agent has placed all utilities in their name",
        help_text="A temporary permit does not authorize anyone to occupy the premises.",
    )
