"""The pack schema: what a jurisdiction's law looks like as data.

Every value a rule uses carries the date it took effect and a citation (a source document
and the section or heading in it). The schema forbids unknown keys, so a misspelt key is an
error rather than a silently dropped citation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
FactName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Money = Annotated[Decimal, Field(ge=0, decimal_places=2)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """One source document (the seeds in shared/seeds)."""

    title: NonEmpty
    issuer: NonEmpty
    dated: NonEmpty  # the date the document gives itself, in its own words, or "undated"
    seed: NonEmpty  # the seed file's name prefix, e.g. "002"


class Citation(Strict):
    doc: Slug  # key into sources.yaml
    section: NonEmpty  # section, heading or paragraph in that document


class Dated(Strict):
    """The effective date, citation and (for a choice) the reasoning of one value."""

    effective: dt.date
    until: dt.date | None = None  # exclusive end, where a later rule replaced this one
    citation: Citation
    note: str | None = None  # why: the reading chosen where the document is ambiguous

    @model_validator(mode="after")
    def _until_after_effective(self) -> Dated:
        if self.until is not None and self.until <= self.effective:
            raise ValueError(f"until {self.until} must be after effective {self.effective}")
        return self


# --- terms: durations, thresholds, lists and flags ------------------------------------------

TermUnit = Literal[
    "hours", "days", "years", "time", "flag", "list", "text", "count", "sqft", "usd", "slug"
]
TermValue = bool | int | Decimal | str | list[str]


class TermVersion(Dated):
    value: TermValue


class Term(Strict):
    description: NonEmpty
    unit: TermUnit
    values: Annotated[list[TermVersion], Field(min_length=1)]


class TermsFile(Strict):
    """`terms`: the values the code enforces or shows where they apply (law/uses.py says
    where each is read); `information`: what the documents say that no step of a case acts
    on, kept as cited text for the pack's reader and the public pack page."""

    terms: dict[FactName, Term]
    information: dict[FactName, Term] = Field(default_factory=dict)


# --- fee items ------------------------------------------------------------------------------

FactType = Literal["choice", "bool", "integer", "decimal", "decimal-list", "date"]


class FactSpec(Strict):
    type: FactType
    description: NonEmpty
    unit: str | None = None
    choices: list[NonEmpty] | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    default: bool | int | Decimal | str | None = None
    note: str | None = None  # why: the reading chosen where the document is ambiguous

    @model_validator(mode="after")
    def _choices_only_for_choice(self) -> FactSpec:
        if (self.type == "choice") != (self.choices is not None):
            raise ValueError("'choices' is required for type choice and allowed for no other")
        if (
            self.default is not None
            and self.choices is not None
            and self.default not in self.choices
        ):
            raise ValueError(f"default {self.default!r} is not one of the choices")
        return self


class Comparison(Strict):
    lt: Decimal | None = None
    lte: Decimal | None = None
    gt: Decimal | None = None
    gte: Decimal | None = None


Condition = bool | int | str | list[str] | Comparison


class Quantity(Strict):
    """How many of `per` the fact holds; `rounding` says how a partial unit counts."""

    fact: FactName
    per: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    rounding: Literal["up", "exact"] = "exact"
    where: Comparison | None = None  # for a decimal-list fact: count the elements that match
    beyond: Annotated[Decimal, Field(ge=0)] = Decimal(0)  # count only what exceeds this
    note: str | None = None


class RateByFact(Strict):
    by: FactName
    values: dict[NonEmpty, Money]


class RateFromTable(Strict):
    table: Slug
    row: FactName
    column: FactName


Rate = Money | RateByFact | RateFromTable


class FeeLine(Strict):
    id: Slug
    label: NonEmpty
    kind: Literal["fee", "deposit"] = "fee"
    when: dict[FactName, Condition] = Field(default_factory=dict)
    rate: Rate
    quantity: Quantity | None = None
    minimum: Money | None = None
    citation: Citation | None = None  # defaults to the version's citation
    note: str | None = None


class ItemVersion(Dated):
    lines: list[FeeLine] = Field(default_factory=list)
    referral: str | None = None  # the item is not issued here: who issues it
    notes: list[NonEmpty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lines_or_referral(self) -> ItemVersion:
        if bool(self.lines) == bool(self.referral):
            raise ValueError("a version has either fee lines or a referral, not both or neither")
        ids = [line.id for line in self.lines]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"line ids repeat: {', '.join(duplicates)}")
        return self


class CaseProgram(Strict):
    """A fee item that is filed as a case: an application that is processed, inspected and
    ends in a permit or an inspection report. Only these can be filed; every other item of
    the schedule is quoted, never filed here."""

    ends_in: Literal["permit", "inspection-report"] = "permit"
    names_occupants: bool = True  # the permit names its occupants (not a commercial space's)
    includes: list[Slug] = Field(default_factory=list)  # items charged within the case
    citation: Citation
    note: str | None = None


class FeeItem(Strict):
    title: NonEmpty
    category: Slug
    facts: dict[FactName, FactSpec] = Field(default_factory=dict)
    versions: Annotated[list[ItemVersion], Field(min_length=1)]
    case: CaseProgram | None = None  # filed as a case, where the pack says so


class TableRow(Strict):
    label: NonEmpty
    rates: list[Money | Literal["NP"]]


class RateTable(Dated):
    title: NonEmpty
    unit: NonEmpty
    columns: Annotated[list[NonEmpty], Field(min_length=1)]
    rows: dict[Slug, TableRow]  # checks.py: each row has a rate for every column


class FeesFile(Strict):
    tables: dict[Slug, RateTable] = Field(default_factory=dict)
    items: dict[Slug, FeeItem]


# --- eligibility ----------------------------------------------------------------------------

ObligationKind = Literal["permit", "inspection", "report", "disclosure", "notice"]


class EligibilityCase(Dated):
    when: dict[FactName, Condition] = Field(default_factory=dict)
    required: bool
    reason: NonEmpty
    fee_item: Slug | None = None  # the fee item that pays for it, where one does


class Obligation(Strict):
    kind: ObligationKind
    title: NonEmpty
    cases: Annotated[list[EligibilityCase], Field(min_length=1)]


class EligibilityFile(Strict):
    obligations: dict[Slug, Obligation]


# --- the jurisdiction itself ----------------------------------------------------------------


class JurisdictionFile(Strict):
    name: NonEmpty
    kind: Literal["city", "county", "village"]
    state: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    time_zone: NonEmpty
    sources: list[Slug]  # the documents this pack is written from
    summary: NonEmpty


class SourcesFile(Strict):
    sources: dict[Slug, Source]


# --- the inspector's checklist --------------------------------------------------------------

ChecklistPer = Literal["unit", "bedroom", "basement-bedroom"]


class ChecklistItem(Dated):
    """One thing the inspector checks, cited to the sentence that asks for it; where the
    jurisdiction's documents are silent, `note` says so."""

    label: NonEmpty
    per: ChecklistPer = "unit"  # once, for each bedroom, or for each basement bedroom
    standard: FactName | None = None  # the term whose figure it is checked against


class Severity(Dated):
    """How serious a violation is, and the days the owner has to correct it from the day of
    the failed inspection (printed on the notice). Where the documents set no period, `note`
    says it is the division's choice."""

    label: NonEmpty
    correct_within_days: Annotated[int, Field(ge=0)]


class ChecklistFile(Strict):
    items: dict[Slug, ChecklistItem]
    severities: dict[Slug, Severity] = Field(default_factory=dict)


__all__ = [
    "CaseProgram",
    "ChecklistFile",
    "ChecklistItem",
    "Citation",
    "Comparison",
    "Condition",
    "Dated",
    "EligibilityCase",
    "EligibilityFile",
    "FactSpec",
    "FeeItem",
    "FeeLine",
    "FeesFile",
    "ItemVersion",
    "JurisdictionFile",
    "Obligation",
    "Quantity",
    "RateByFact",
    "RateFromTable",
    "RateTable",
    "Severity",
    "Source",
    "SourcesFile",
    "TableRow",
    "Term",
    "TermVersion",
    "TermsFile",
]
