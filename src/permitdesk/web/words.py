"""Codes in words: what a page shows for a payment method, a fee item, a permit's end reason or
a stored value, never the slug the data keeps ("visa", "residential-occupancy",
"change-of-tenancy"). Fee items are the law's terms: their titles come from the pack."""

from __future__ import annotations

import re
from typing import Any

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.cases.payment_methods import method_label
from permitdesk.discovery.models import Report
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import UnknownName

SLUG = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+")  # a code, not a date
# "ended ... (on a change of tenancy)"
END_REASONS = {
    "change-of-tenancy": "on a change of tenancy",
    "term-expired": "at the end of its term",
    "superseded": "replaced by a later permit",
    "revoked": "revoked",
}


def slug_words(value: str) -> str:
    """'single-family' -> 'single family'."""
    return value.replace("-", " ").replace("_", " ")


def choice_label(value: str) -> str:
    """A choice of the law's vocabulary as an option says it: 'single-family' -> 'Single
    family' (the rest of the word kept: 'IIB' stays 'IIB')."""
    words = slug_words(value)
    return words[:1].upper() + words[1:]


def role_labels(roles: set[str] | list[str]) -> str:
    """'code-official, clerk' -> 'Clerk, Code official'."""
    return ", ".join(sorted(Role(r).label if r in Role.values else slug_words(r) for r in roles))


def payment_method(value: str) -> str:
    return method_label(value)


def end_reason(value: str) -> str:
    return END_REASONS.get(value, slug_words(value))


def fee_item_title(jurisdiction_slug: str, item: str) -> str:
    """The fee item's title in the jurisdiction's pack ('Residential occupancy permit')."""
    try:
        return get_pack(jurisdiction_slug).item(item).title
    except (UnknownName, KeyError):
        return slug_words(item).capitalize()


def stored_value(key: str, value: Any, jurisdiction_slug: str = "") -> Any:
    """A value an audit event keeps, in words where it is a code."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return value
    if key == "status" and value in Application.Status.values:
        return Application.Status(value).label
    if key == "method":
        return payment_method(value)
    if key == "fee_item" and jurisdiction_slug:
        return fee_item_title(jurisdiction_slug, value)
    if key in ("end_reason", "reason") and value in END_REASONS:
        return end_reason(value)
    return slug_words(value) if SLUG.fullmatch(value) else value


def change_words(value: str) -> str:
    """A reported change in words: 'new-occupants' -> 'New people moved in'."""
    try:
        return str(Report.Change(value).label)
    except ValueError:
        return choice_label(value)
