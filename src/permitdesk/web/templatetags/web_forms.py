"""{% field form.name %}: a form field rendered the USWDS way, with its label, hint and error
tied to the input (aria-describedby, aria-invalid), keeping what the user typed."""

from __future__ import annotations

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()

# widget class name (lower case) -> the USWDS class of its input; anything else is usa-input
_INPUT_CLASS: dict[str, str] = {
    "select": "usa-select",
    "selectmultiple": "usa-select",
    "nullbooleanselect": "usa-select",
    "textarea": "usa-textarea",
    "clearablefileinput": "usa-file-input",
    "fileinput": "usa-file-input",
    "checkboxinput": "usa-checkbox__input",
}
# widget class name -> the layout field.html uses (default: label above an input)
_LAYOUT = {
    "checkboxinput": "checkbox",
    "radioselect": "radioselect",
    "checkboxselectmultiple": "checkboxselectmultiple",
}


def _described(bound: forms.BoundField) -> list[str]:
    """The ids of the hint and error an input is described by."""
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}-hint")
    if bound.errors:
        described.append(f"{bound.auto_id}-error")
    return described


def _input(bound: forms.BoundField, attrs: dict[str, str]) -> SafeString:
    """The input alone, with its USWDS class, its error state and what describes it."""
    name = type(bound.field.widget).__name__.lower()
    described = _described(bound)
    widget_attrs: dict[str, str | bool] = {"class": _INPUT_CLASS.get(name, "usa-input")}
    if bound.errors:
        widget_attrs["class"] = f"{widget_attrs['class']} usa-input--error"
        widget_attrs["aria-invalid"] = "true"
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    widget_attrs.update(attrs)
    return SafeString(bound.as_widget(attrs=widget_attrs))


@register.simple_tag
def field(bound: forms.BoundField, **attrs: str) -> SafeString:
    name = type(bound.field.widget).__name__.lower()
    html = render_to_string(
        "web/forms/field.html",
        {
            "field": bound,
            "widget_type": _LAYOUT.get(name, "input"),
            "describedby": " ".join(_described(bound)),
            "input": _input(bound, attrs),
        },
    )
    return SafeString(html)


@register.simple_tag
def field_input(bound: forms.BoundField, **attrs: str) -> SafeString:
    """The input of a field whose label, hint and error the page lays out itself (the
    inspector's checklist rows); the same ids, so they describe it."""
    return _input(bound, attrs)
