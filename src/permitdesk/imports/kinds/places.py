"""What the case-side kinds share: a row's unit (by parcel and label, in its jurisdiction),
an applicant by e-mail, a case by its source reference, and a date at the jurisdiction's noon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db.models import Model
from django.db.models.functions import Lower

from permitdesk.cases.models import Application
from permitdesk.imports.models import SourceKey
from permitdesk.imports.pipeline import Context
from permitdesk.imports.rows import Fields, Row
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction, Unit
from permitdesk.rules.calendar import zone

BATCH = 1000
UnitKey = tuple[int, str, str]  # jurisdiction id, parcel id, unit label
# What the cases and permits kinds read of a row's case under the case's own field names.
CASE_FIELDS = ("applicant", "fee_item", "trigger")


def units(placed: Iterable[tuple[Row, Jurisdiction]]) -> dict[UnitKey, int]:
    """The ids of the rows' units, in one query (ids, not models: a chunk reads thousands)."""
    rows = list(placed)
    found = Unit.objects.filter(
        property__jurisdiction_id__in={where.pk for _, where in rows},
        property__parcel_id__in={row["parcel_id"] for row, _ in rows},
    ).values_list("property__jurisdiction_id", "property__parcel_id", "label", "id")
    return {(j, parcel, label): pk for j, parcel, label, pk in found}


def unit_of(fields: Fields, where: Jurisdiction, known: dict[UnitKey, int]) -> int | None:
    """The id of the row's unit."""
    parcel = fields.text("parcel_id", required=True, limit=64)
    label = fields.text("unit_label", limit=32)
    unit = known.get((where.pk, parcel, label))
    if unit is None and parcel:
        fields.problem(
            "unit_label" if label else "parcel_id",
            f"no unit '{label or '(no label)'}' on parcel '{parcel}' in {where.slug}: import "
            "the properties and units first",
        )
    return unit


def applicants(placed: Iterable[tuple[Row, Jurisdiction]]) -> dict[str, User]:
    emails = {row["applicant_email"].lower() for row, _ in placed if row["applicant_email"]}
    if not emails:
        return {}
    people = User.objects.annotate(address=Lower("email")).filter(address__in=emails)
    return {person.email.lower(): person for person in people}


def applicant_of(fields: Fields, context: Context, known: dict[str, User]) -> User:
    """The account of applicant_email; blank: the clerk who imports (the case is theirs to
    carry on, and the applicant can be given it later)."""
    email = fields.row["applicant_email"].lower()
    if not email:
        return context.actor
    person = known.get(email)
    if person is None:
        fields.problem(
            "applicant_email",
            f"no account has the e-mail '{email}'; blank files the case under {context.actor}",
        )
        return context.actor
    return person


def source_keys(
    kind: str, placed: Iterable[tuple[Row, Jurisdiction]], column: str
) -> dict[tuple[int, str], int]:
    rows = list(placed)
    found = SourceKey.objects.filter(
        kind=kind,
        jurisdiction_id__in={where.pk for _, where in rows},
        key__in={row[column] for row, _ in rows},
    ).values_list("jurisdiction_id", "key", "object_id")
    return {(j, key): pk for j, key, pk in found}


def keep_source_keys(kind: str, column: str, creates: Iterable[Any], made: Iterable[Model]) -> None:
    """Remember the source system's key of each record made (a plan's creates, each starting
    with its row and jurisdiction), so a second run finds it again."""
    SourceKey.objects.bulk_create(
        [
            SourceKey(jurisdiction=where, kind=kind, key=row[column], object_id=record.pk)
            for (row, where, *_), record in zip(creates, made, strict=True)
        ],
        batch_size=BATCH,
    )


def cases_by_ref(placed: Iterable[tuple[Row, Jurisdiction]]) -> dict[tuple[int, str], Application]:
    keys = source_keys("case", placed, "case_ref")
    cases = Application.objects.in_bulk(set(keys.values()))
    return {where: cases[pk] for where, pk in keys.items() if pk in cases}


def fee_item_of(fields: Fields, pack: Pack) -> str:
    """The row's fee item, or the pack's first program that ends in a permit."""
    items, default = _case_items(pack.slug)
    return fields.choice("fee_item", items, default=default)


@cache
def _case_items(slug: str) -> tuple[list[str], str]:
    pack = get_pack(slug)
    ending_in_permits = [
        item
        for item in pack.case_items()
        if getattr(pack.item(item).case, "ends_in", "") == "permit"
    ]
    return pack.case_items(), ending_in_permits[0]


def new_case(
    where: Jurisdiction, values: dict[str, Any], filed_on: dt.date, **more: Any
) -> Application:
    """A case an import makes (not yet saved): the row's unit, applicant, fee item and
    trigger, submitted and processed at noon on the day the source system filed it."""
    moment = at_noon(get_pack(where.slug), filed_on)
    named = {name: values[name] for name in CASE_FIELDS}
    return Application(
        jurisdiction=where,
        unit_id=values["unit"],
        submitted_at=moment,
        processed_at=moment,
        **named,
        **more,
    )


def at_noon(pack: Pack, day: dt.date) -> dt.datetime:
    """A day of the source system (which kept dates, not times) as a moment: its noon in the
    jurisdiction, which is that day in every zone a reader may use."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=zone(pack))


def zone_of(where: Jurisdiction) -> ZoneInfo:
    return zone(get_pack(where.slug))
