"""A loaded, validated pack: one jurisdiction's law, ready for the rules. No I/O here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from permitdesk.law.schema import (
    ChecklistFile,
    ChecklistItem,
    Citation,
    Dated,
    EligibilityFile,
    FeeItem,
    FeesFile,
    ItemVersion,
    JurisdictionFile,
    Severity,
    Source,
    Term,
    TermValue,
    TermVersion,
)

D = TypeVar("D", bound=Dated)


def _current(values: dict[str, D], on: dt.date) -> dict[str, D]:
    """The entries of `values` in force on `on`, in their order."""
    return {
        key: value
        for key, value in values.items()
        if value.effective <= on and (value.until is None or on < value.until)
    }


class NotInForce(LookupError):
    """No version of a value was in force on the date asked."""


def in_force(versions: Sequence[D], on: dt.date, what: str) -> D:
    """The version in force on `on`: the latest effective on or before it, not yet ended."""
    chosen: D | None = None
    for version in versions:
        current = version.effective <= on and (version.until is None or on < version.until)
        if current and (chosen is None or version.effective > chosen.effective):
            chosen = version
    if chosen is None:
        dates = ", ".join(
            f"{v.effective.isoformat()}" + (f" until {v.until.isoformat()}" if v.until else "")
            for v in versions
        )
        raise NotInForce(f"{what} is not in force on {on.isoformat()} (in force from: {dates})")
    return chosen


@dataclass(frozen=True)
class Pack:
    slug: str
    jurisdiction: JurisdictionFile
    sources: dict[str, Source]
    fees: FeesFile
    terms: dict[str, Term]
    eligibility: EligibilityFile
    checklist: ChecklistFile
    information: dict[str, Term] = field(default_factory=dict)  # cited text, acted on by nothing

    @property
    def name(self) -> str:
        return self.jurisdiction.name

    def item(self, slug: str) -> FeeItem:
        try:
            return self.fees.items[slug]
        except KeyError:
            allowed = ", ".join(sorted(self.fees.items))
            raise UnknownName(
                f"item '{slug}' is not a fee item of {self.slug}: {allowed}"
            ) from None

    def case_items(self) -> list[str]:
        """The fee items filed as cases (an application processed, inspected and ended in a
        permit or a report), in the pack's order."""
        return [slug for slug, item in self.fees.items.items() if item.case is not None]

    def case_item(self, slug: str) -> FeeItem:
        """The fee item `slug`, if it is filed as a case; anything else is refused."""
        item = self.item(slug)
        if item.case is None:
            raise NotACase(
                f"item '{slug}' of {self.slug} is not filed as a case; these can be filed: "
                f"{', '.join(self.case_items())}"
            )
        return item

    def item_version(self, slug: str, on: dt.date) -> ItemVersion:
        return in_force(self.item(slug).versions, on, f"{self.slug} fee item '{slug}'")

    def checklist_items(self, on: dt.date) -> dict[str, ChecklistItem]:
        """The inspector's checklist in force on `on`, in the pack's order."""
        return _current(self.checklist.items, on)

    def severities(self, on: dt.date) -> dict[str, Severity]:
        """The violation severities in force on `on`, in the pack's order."""
        return _current(self.checklist.severities, on)

    def has_term(self, name: str) -> bool:
        return name in self.terms

    def term_version(self, name: str, on: dt.date) -> TermVersion:
        try:
            term = self.terms[name]
        except KeyError:
            raise UnknownName(f"{self.slug} has no term '{name}'") from None
        return in_force(term.values, on, f"{self.slug} term '{name}'")

    def term(self, name: str, on: dt.date) -> TermValue:
        return self.term_version(name, on).value

    def count(self, name: str, on: dt.date) -> int:
        """A whole-number term (hours, days, years, counts)."""
        value = self.term(name, on)
        if isinstance(value, bool) or not isinstance(value, int | Decimal) or value != int(value):
            raise TypeError(f"{self.slug} term '{name}' is {value!r}, not a whole number")
        return int(value)

    def amount(self, name: str, on: dt.date) -> Decimal:
        """A numeric term (square feet, dollars)."""
        value = self.term(name, on)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"{self.slug} term '{name}' is {value!r}, not a number")
        return Decimal(value)

    def text(self, name: str, on: dt.date) -> str:
        value = self.term(name, on)
        if not isinstance(value, str):
            raise TypeError(f"{self.slug} term '{name}' is {value!r}, not text")
        return value

    def names(self, name: str, on: dt.date) -> list[str]:
        """A list term (payment methods, smoke alarm locations, ...)."""
        value = self.term(name, on)
        if not isinstance(value, list):
            raise TypeError(f"{self.slug} term '{name}' is {value!r}, not a list")
        return value

    def cite(self, citation: Citation) -> str:
        """A readable citation: the document's title and the section in it."""
        source = self.sources[citation.doc]
        return f"{source.title} — {citation.section}"


class UnknownName(LookupError):
    """A jurisdiction, item or term that the packs do not have."""


class NotACase(UnknownName):
    """A fee item that is quoted but not filed as a case (a dumpster permit, a zoning review)."""
