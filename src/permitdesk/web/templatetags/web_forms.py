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


@register.simple_tag
def field(bound: forms.BoundField, **attrs: str) -> SafeString:
    name = type(bound.field.widget).__name__.lower()
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}-hint")
    if bound.errors:
        described.append(f"{bound.auto_id}-error")
    widget_attrs: dict[str, str | bool] = {"class": _INPUT_CLASS.get(name, "usa-input")}
    if bound.errors:
        widget_attrs["class"] = f"{widget_attrs['class']} usa-input--error"
        widget_attrs["aria-invalid"] = "true"
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    widget_attrs.update(attrs)
    html = render_to_string(
        "web/forms/field.html",
        {
            "field": bound,
            "widget_type": _LAYOUT.get(name, "input"),
            "describedby": " ".join(described),
            "input": bound.as_widget(attrs=widget_attrs),
        },
    )
    return SafeString(html)
