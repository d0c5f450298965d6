"""Forms generated from a pack's declared facts (a fee item's, or the eligibility vocabulary).

Each fact becomes one field whose label and hint come from its spec; the field keeps what the
person typed as text, and the rules (permitdesk.rules.facts) decide whether it is allowed, so
an error says what the pack allows, in the pack's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms

from permitdesk.law.pack import NotInForce
from permitdesk.law.schema import FactSpec
from permitdesk.rules.facts import FactError, FactValue, allowed
from permitdesk.rules.money import plain
from permitdesk.web.words import choice_label

YES_NO = [("true", "Yes"), ("false", "No")]


def fact_label(spec: FactSpec) -> str:
    """What a person reads above the field: the fact's description, its unit in brackets."""
    text = spec.description[:1].upper() + spec.description[1:]
    if spec.unit and spec.type in ("integer", "decimal") and spec.unit not in text.lower():
        text += f" ({spec.unit})"
    return text


def fact_hint(spec: FactSpec) -> str:
    """What is allowed (a list shows its own choices), and what leaving it empty means."""
    # A list shows its choices and a date input its calendar; numbers need saying.
    hint = "" if spec.type in ("choice", "bool", "date") else f"Allowed: {allowed(spec)}."
    if spec.default == "":
        hint += " Leave empty for none."
    elif isinstance(spec.default, bool):
        hint += f" Leave empty for the default: {'yes' if spec.default else 'no'}."
    elif spec.default is not None:
        hint += f" Leave empty for the default: {str(spec.default).replace('-', ' ')}."
    return hint.strip()


def fact_field(spec: FactSpec, *, required: bool) -> forms.Field:
    """One fact as a form field. Values stay text: the rules coerce and check them."""
    label, hint = fact_label(spec), fact_hint(spec)
    messages = {
        "required": f"Enter {label.lower()}: {allowed(spec)}.",
        "max_length": f"Enter {allowed(spec)}: at most %(limit_value)d characters, "
        "not %(show_value)d.",
    }
    if spec.type == "choice":
        blank = "Choose one" if required else "Not given (default)"
        choices = [("", f"- {blank} -")] + [(c, choice_label(c)) for c in spec.choices or []]
        messages["required"] = f"Choose {label.lower()}: {allowed(spec)}."
        messages["invalid_choice"] = f"%(value)s is not {allowed(spec)}."
        return forms.ChoiceField(
            label=label,
            help_text=hint,
            choices=choices,
            required=required,
            error_messages=messages,
        )
    if spec.type == "bool":
        blank = "Choose one" if required else "Not given (default)"
        messages["required"] = f"Choose yes or no for {label.lower()}."
        messages["invalid_choice"] = "%(value)s is not yes or no."
        return forms.ChoiceField(
            label=label,
            help_text=hint,
            choices=[("", f"- {blank} -"), *YES_NO],
            required=required,
            error_messages=messages,
        )
    if spec.type == "date":
        return forms.CharField(
            label=label,
            help_text=hint,
            required=required,
            max_length=10,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages=messages,
        )
    mode = "numeric" if spec.type == "integer" else "decimal"
    if spec.type == "decimal-list":
        mode = "text"
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"inputmode": mode}),
        error_messages=messages,
    )


class FactsForm(forms.Form):
    """The facts of one rule (a fee item's, or eligibility's), plus the date the law is read
    on. The view applies the rule to ``given()`` and hands a refusal to ``refuse()``."""

    on = forms.DateField(
        label="Law in force on",
        required=False,
        help_text="Leave empty for the law in force today.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date YYYY-MM-DD, e.g. 2026-07-01."},
    )

    def __init__(
        self, data: Mapping[str, Any] | None, specs: Mapping[str, FactSpec], required: set[str]
    ) -> None:
        super().__init__(data)
        on = self.fields.pop("on")
        for name, spec in specs.items():
            self.fields[name] = fact_field(spec, required=name in required)
        self.fields["on"] = on  # the date last: most people leave it alone
        self.specs = specs

    def given(self) -> dict[str, str]:
        """The facts the person filled in; an empty field means 'not given'."""
        return {name: self.cleaned_data[name] for name in self.specs if self.cleaned_data[name]}

    def refuse(self, error: Exception) -> None:
        """Put a rule's refusal next to the field it concerns, or above the form."""
        message = str(error)
        if isinstance(error, FactError) and error.fact in self.specs:
            self.add_error(error.fact, readable(message, self.specs))
        elif isinstance(error, NotInForce):
            self.add_error("on", message)
        else:
            self.add_error(None, readable(message, self.specs))


def readable(message: str, specs: Mapping[str, FactSpec]) -> str:
    """A rule's message with the facts' code names (construction_cost) as words, as a
    sentence."""
    for name in sorted(specs, key=len, reverse=True):
        if "_" in name:
            message = message.replace(name, name.replace("_", " "))
    return message[:1].upper() + message[1:]


def facts_used(form: FactsForm, facts: Mapping[str, FactValue]) -> list[tuple[str, str]]:
    """The facts a rule used (those given and the defaults it took), labelled as the form
    labels them, so an answer says what it assumed."""
    return [
        (str(form.fields[name].label), shown(value))
        for name, value in facts.items()
        if name in form.fields
    ]


def shown(value: FactValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, tuple):
        return ", ".join(plain(v) for v in value) or "none"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("-", " ")


def the_day(form: FactsForm, today: dt.date) -> dt.date:
    on: dt.date | None = form.cleaned_data.get("on")
    return on or today
