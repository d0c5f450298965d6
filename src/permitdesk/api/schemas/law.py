"""The law, public: jurisdictions, their fee items and facts, quotes and eligibility."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, StrictBool

from permitdesk.api.schemas.common import (
    JSON_INT,
    NO_NUL,
    SLUG_PATTERN,
    DateIn,
    Money,
    Number,
    Slug,
)
from permitdesk.law.loader import pack_slugs
from permitdesk.law.pack import NotInForce, Pack
from permitdesk.law.schema import FactSpec
from permitdesk.law.vocabulary import ELIGIBILITY_FACTS
from permitdesk.rules.eligibility import Eligibility
from permitdesk.rules.facts import FactValue
from permitdesk.rules.quote import Quote

# The shipped packs, listed in the OpenAPI document; another slug is a 422 naming them.
JurisdictionSlug = Annotated[
    str,
    Field(max_length=64, pattern=SLUG_PATTERN, json_schema_extra={"enum": list(pack_slugs())}),
]
FactName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
FactText = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
FactNumber = Annotated[int, Field(ge=-(10**15), le=10**15), JSON_INT]
FactScalar = StrictBool | FactNumber | float | FactText
FactIn = FactScalar | Annotated[list[FactNumber | float | FactText], Field(max_length=100)]
# Keys outside FactName are refused: the schema says so (patternProperties alone would not).
FactsIn = Annotated[
    dict[FactName, FactIn],
    Field(max_length=50, json_schema_extra={"additionalProperties": False}),
]
FactOutValue = bool | int | str | list[str]


def facts_out(facts: Mapping[str, FactValue]) -> dict[str, FactOutValue]:
    """Facts as JSON: numbers as text, dates ISO, lists of numbers as lists of text."""

    def one(value: FactValue) -> FactOutValue:
        if isinstance(value, bool | int | str):
            return value
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        if isinstance(value, dt.date):
            return value.isoformat()
        return [format(v.normalize(), "f") for v in value]

    return {name: one(value) for name, value in facts.items()}


def _same_named(schema: type[Schema], source: BaseModel) -> dict[str, Any]:
    """The pack's values that `schema` shows under the pack's own names."""
    return {
        name: getattr(source, name)
        for name in schema.model_fields
        if name in type(source).model_fields
    }


def _example(body: dict[str, Any]) -> ConfigDict:
    """A request body's example, for the OpenAPI document."""
    return ConfigDict(json_schema_extra={"examples": [body]})


class JurisdictionOut(Schema):
    slug: str
    name: str
    kind: str
    state: str
    time_zone: str
    summary: str

    @classmethod
    def of(cls, pack: Pack) -> JurisdictionOut:
        return cls(slug=pack.slug, **_same_named(cls, pack.jurisdiction))


class FactOut(Schema):
    name: str
    type: str
    description: str
    unit: str | None
    choices: list[str] | None
    minimum: Number | None
    maximum: Number | None
    default: bool | int | str | None

    @classmethod
    def of(cls, name: str, spec: FactSpec) -> FactOut:
        default = spec.default
        shown = format(default, "f") if isinstance(default, Decimal) else default
        return cls(**{**_same_named(cls, spec), "name": name, "default": shown})


class ItemOut(Schema):
    item: str
    title: str
    category: str
    in_force: bool = Field(description="a version of the item is in force on the date asked")
    versions: list[dt.date] = Field(description="the dates its versions took effect")
    facts: list[FactOut]

    @classmethod
    def of(cls, pack: Pack, slug: str, on: dt.date) -> ItemOut:
        item = pack.item(slug)
        try:
            in_force = pack.item_version(slug, on) is not None
        except NotInForce:
            in_force = False
        return cls(
            item=slug,
            title=item.title,
            category=item.category,
            in_force=in_force,
            versions=[version.effective for version in item.versions],
            facts=[FactOut.of(name, spec) for name, spec in item.facts.items()],
        )


class ItemsOut(Schema):
    jurisdiction: str
    name: str
    on: dt.date
    items: list[ItemOut]
    eligibility_facts: list[FactOut] = Field(description="the facts POST /api/eligibility reads")

    @classmethod
    def of(cls, pack: Pack, on: dt.date) -> ItemsOut:
        return cls(
            jurisdiction=pack.slug,
            name=pack.name,
            on=on,
            items=[ItemOut.of(pack, slug, on) for slug in pack.fees.items],
            eligibility_facts=[FactOut.of(n, s) for n, s in ELIGIBILITY_FACTS.items()],
        )


class QuoteIn(Schema):
    jurisdiction: JurisdictionSlug
    item: Slug
    facts: FactsIn = Field(default_factory=dict)
    on: DateIn | None = Field(None, description="the date the law is read on; default: today")

    model_config = _example(
        {
            "jurisdiction": "clayton-mo",
            "item": "residential-occupancy",
            "facts": {"unit_type": "single-family", "occupied": False},
        }
    )


class QuoteLineOut(Schema):
    id: str
    label: str
    kind: str = Field(description="fee, or deposit (refundable, kept apart from fees)")
    quantity: Number
    unit: str
    rate: Money
    amount: Money
    basis: str = Field(description="the arithmetic, in words")
    citation: str
    effective: dt.date
    note: str | None


class QuoteOut(Schema):
    jurisdiction: str
    item: str
    title: str
    on: dt.date
    effective: dt.date
    citation: str
    facts: dict[str, FactOutValue]
    lines: list[QuoteLineOut]
    total: Money
    deposits: Money
    notes: list[str]
    referral: str | None

    @staticmethod
    def resolve_facts(obj: Quote) -> dict[str, FactOutValue]:
        return facts_out(obj.facts)


class EligibilityIn(Schema):
    jurisdiction: JurisdictionSlug
    facts: FactsIn = Field(default_factory=dict)
    on: DateIn | None = Field(None, description="the date of the event; default: today")

    model_config = _example(
        {
            "jurisdiction": "village-ord-08-457",
            "facts": {"event": "lease", "unit_type": "apartment", "units_in_building": 12},
        }
    )


class FindingOut(Schema):
    obligation: str
    kind: str
    title: str
    required: bool
    reason: str
    citation: str
    effective: dt.date
    fee_item: str | None


class EligibilityOut(Schema):
    jurisdiction: str
    on: dt.date
    facts: dict[str, FactOutValue]
    findings: list[FindingOut]
    required: list[str] = Field(description="the obligations that apply")

    @staticmethod
    def resolve_facts(obj: Eligibility) -> dict[str, FactOutValue]:
        return facts_out(obj.facts)

    @staticmethod
    def resolve_required(obj: Eligibility) -> list[str]:
        return [finding.obligation for finding in obj.required]
