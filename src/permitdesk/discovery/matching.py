"""match_pending(): the evidence not yet matched, matched to a parcel and unit in the
database, a few statements whatever the number of rows (no query per row):

1. by parcel id (normalised: no punctuation, no leading zeros), where the house number
   agrees; a parcel whose house number disagrees (a mistyped parcel id can name a real
   parcel) is only a candidate for review;
2. by number, street and unit, then number and street (usaddress's parse in USPS words),
   where one property has them;
3. the rest scored against the properties of the same house number (rapidfuzz's ratio of
   the street names): a near match goes to the review queue, never straight to a lead;
   nothing near is unmatched.

Then the unit: the sale's unit number, else the property's only unit, else the whole
property (a building sold without a unit number); and whether the pack's program covers it.
One audit event per record matched, written in one insert."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from rapidfuzz import fuzz

from permitdesk.audit.services import record_all
from permitdesk.discovery.audit import Audit
from permitdesk.discovery.models import ChangeEvidence, PlaceKey
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction, Unit
from permitdesk.rules.calendar import local

Match = ChangeEvidence.Match
# A street name scoring this much (0-100, rapidfuzz's ratio) against a property's with the
# same house number is a near match, for review; below it, no match. Not law: the figure
# that keeps a misspelt street ("Mian St") in the queue and a different street out
# (decision 0020; bench/catch_rate.py measures it).
REVIEW_FLOOR = 80


@dataclass
class Matched:
    parcel: int = 0
    address: int = 0
    review: int = 0
    unmatched: int = 0

    def __add__(self, other: Matched) -> Matched:
        """Both counts together: a sweep's total over its jurisdictions."""
        return Matched(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def lines(self) -> list[str]:
        return [
            f"matched by parcel id {self.parcel}, by address {self.address}; "
            f"to review {self.review}; unmatched {self.unmatched}"
        ]


def _one_property(keys: QuerySet[PlaceKey]) -> QuerySet[Any, Any]:
    """The property of `keys`, where they name exactly one."""
    return (
        keys.values("jurisdiction")
        .annotate(n=Count("property_id", distinct=True), p=Min("property_id"))
        .filter(n=1)
        .values("p")
    )


def _by_parcel(pending: QuerySet[ChangeEvidence]) -> None:
    keys = PlaceKey.objects.filter(
        jurisdiction=OuterRef("jurisdiction"), parcel_key=OuterRef("parcel_key")
    )
    pending.exclude(parcel_key="").filter(Exists(keys)).update(
        candidate_id=Subquery(_one_property(keys))
    )
    agrees = PlaceKey.objects.filter(property=OuterRef("candidate"), number=OuterRef("number"))
    pending.filter(candidate__isnull=False).filter(Q(number="") | Exists(agrees)).update(
        property_id=F("candidate_id"), match=Match.PARCEL, match_score=100, candidate=None
    )


def _by_address(pending: QuerySet[ChangeEvidence]) -> None:
    """Number, street and unit where one property has them (a condominium's units are each a
    parcel at one address); else number and street where one property has them."""
    keys = PlaceKey.objects.filter(
        jurisdiction=OuterRef("jurisdiction"), street_key=OuterRef("street_key")
    )
    with_unit = keys.filter(unit_key=OuterRef("unit_key"))
    pending.exclude(street_key="").exclude(unit_key="").filter(Exists(with_unit)).update(
        property_id=Subquery(_one_property(with_unit))
    )
    pending.filter(property__isnull=True).exclude(street_key="").filter(Exists(keys)).update(
        property_id=Subquery(_one_property(keys))
    )
    pending.filter(property__isnull=False).update(
        match=Match.ADDRESS, match_score=100, candidate=None
    )


def _near(pending: QuerySet[ChangeEvidence], jurisdiction: Jurisdiction) -> None:
    """The rest, scored against the properties with their house number: one query for the
    candidates of them all; the best at REVIEW_FLOOR or above goes to review. A parcel whose
    house number disagreed (step 1) is reviewed whatever its score."""
    rows = list(pending.only("pk", "number", "street", "zip_code", "candidate_id"))
    numbers = {row.number for row in rows if row.number}
    streets: dict[str, set[tuple[int, str, str]]] = defaultdict(set)
    found = PlaceKey.objects.filter(jurisdiction=jurisdiction, number__in=numbers)
    for property_id, number, street, zip_code in found.values_list(
        "property_id", "number", "street", "zip_code"
    ).iterator(chunk_size=5000):
        streets[number].add((property_id, street, zip_code))
    for row in rows:
        best, score = row.candidate_id, 0
        for property_id, street, zip_code in streets.get(row.number, ()):
            if row.zip_code and zip_code and row.zip_code != zip_code:
                continue
            points = round(fuzz.ratio(row.street, street))
            if points > score and (row.candidate_id is None or property_id == row.candidate_id):
                best, score = property_id, points
        near = best is not None and (row.candidate_id is not None or score >= REVIEW_FLOOR)
        row.candidate_id = best if near else None
        row.match = Match.REVIEW if near else Match.UNMATCHED
        row.match_score = score if near else None
    # The unmatched in one statement; the near matches (each its candidate and score) in
    # small batches, as a CASE per row grows with the batch.
    nothing = [row.pk for row in rows if row.match == Match.UNMATCHED]
    for start in range(0, len(nothing), 2000):  # SQLite's bound parameters are limited
        ChangeEvidence.objects.filter(pk__in=nothing[start : start + 2000]).update(
            match=Match.UNMATCHED, candidate=None
        )
    near_rows = [row for row in rows if row.match == Match.REVIEW]
    ChangeEvidence.objects.bulk_update(
        near_rows, ["candidate", "match", "match_score"], batch_size=200
    )


def _units(matched: QuerySet[ChangeEvidence]) -> None:
    """The unit of each property matched: the unit number given, else the only unit."""
    named = PlaceKey.objects.filter(property=OuterRef("property"), unit_key=OuterRef("unit_key"))
    matched.exclude(unit_key="").update(unit_id=Subquery(named.values("unit_id")[:1]))
    only = (
        PlaceKey.objects.filter(property=OuterRef("property"))
        .values("property")
        .annotate(n=Count("pk"), u=Min("unit_id"))
        .filter(n=1)
        .values("u")
    )
    matched.filter(unit__isnull=True).update(unit_id=Subquery(only))


def mark_covered(
    matched: QuerySet[ChangeEvidence], jurisdiction: Jurisdiction, on: dt.date
) -> None:
    """Whether the pack's program covers the unit (or a unit of the property sold whole)."""
    pack = get_pack(jurisdiction.slug)
    covered = Unit.objects.filter(
        unit_type__in=pack.names("sale_discovery_unit_types", on),
        units_in_building__gte=pack.count("sale_discovery_min_units", on),
    )
    matched.filter(unit__isnull=False).update(covered=Exists(covered.filter(pk=OuterRef("unit"))))
    matched.filter(unit__isnull=True).update(
        covered=Exists(covered.filter(property=OuterRef("property")))
    )


def match_pending(*, jurisdiction: Jurisdiction, actor: User | None, now: dt.datetime) -> Matched:
    """Match the jurisdiction's pending evidence; see the module's docstring."""
    on = local(get_pack(jurisdiction.slug), now).date()
    with transaction.atomic():
        mine = ChangeEvidence.objects.filter(jurisdiction=jurisdiction)
        ids = list(mine.filter(match=Match.PENDING).values_list("pk", flat=True))
        if not ids:
            return Matched()
        # Every pending row has an id from the least on: a range, not thousands of ids bound
        # into each statement (psycopg spent 8 s of a year's file converting them). A row
        # matched earlier within the range gets its unit and coverage again, the same.
        batch = mine.filter(pk__gte=min(ids))
        pending = batch.filter(match=Match.PENDING)
        _by_parcel(pending)
        _by_address(pending)
        _near(pending, jurisdiction)
        matched = batch.filter(match__in=ChangeEvidence.MATCHED)
        _units(matched)
        mark_covered(matched, jurisdiction, on)
        return _audited(ids, actor, now, jurisdiction)


def _audited(ids: list[int], actor: User | None, now: dt.datetime, where: Jurisdiction) -> Matched:
    result = Matched()
    audit = Audit(actor, now, where.slug)
    events = []
    wanted = set(ids)
    rows = ChangeEvidence.objects.filter(jurisdiction=where, pk__gte=min(ids), pk__lte=max(ids))
    for evidence in rows.only(
        "pk", "match", "match_score", "property_id", "unit_id", "candidate_id"
    ).iterator(chunk_size=5000):
        if evidence.pk not in wanted:
            continue  # matched in an earlier run
        setattr(result, str(evidence.match), getattr(result, str(evidence.match)) + 1)
        events.append(
            audit.event(
                "discovery.matched",
                evidence,
                {"match": Match.PENDING},
                {
                    "match": evidence.match,
                    "score": evidence.match_score,
                    "property": evidence.property_id,
                    "unit": evidence.unit_id,
                    "candidate": evidence.candidate_id,
                },
            )
        )
    record_all(events)
    return result
