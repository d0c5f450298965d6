"""The checks the records and the filings make of what a person gives them: a value one of
its choices, a text within its column (or a name within its own), a jurisdiction served here."""

from __future__ import annotations

from collections.abc import Sequence

from permitdesk.law.pack import UnknownName
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused


def check_choice(value: str, choices: Sequence[str], field: str) -> str:
    """`value`, when it is one of `choices`; else refused, naming the field and the choices."""
    if value not in choices:
        raise Refused(
            f"{field} '{value}' is not one of: {', '.join(choices)}", code="choice", field=field
        )
    return value


def check_length(value: str, limit: int, field: str, too_long: str) -> str:
    """`value`, when it is at most `limit` characters long; else refused, saying `too_long`."""
    if len(value) > limit:
        raise Refused(too_long, code="too-long", field=field)
    return value


def check_text(value: str, field: str, limit: int) -> str:
    """`value` stripped, when it is at most `limit` characters long."""
    value = value.strip()
    too_long = f"{field} is {len(value)} characters long; at most {limit} are kept"
    return check_length(value, limit, field, too_long)


def served_jurisdiction(slug: str) -> Jurisdiction:
    """The jurisdiction of `slug`; else UnknownName, naming the ones served."""
    jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
    if jurisdiction is None:
        served = ", ".join(Jurisdiction.objects.order_by("slug").values_list("slug", flat=True))
        raise UnknownName(f"jurisdiction '{slug}' is not served here: one of: {served or '(none)'}")
    return jurisdiction
