"""refresh_place_keys(): every unit's matching keys, made from its property's parcel id and
address by the same normaliser as the sales (discovery.addresses), so that matching is a join.
A unit is keyed once, and again only when its address, ZIP code or label changed: the keys
remember the text they were made from. Derived data, but a change all the same: one audit
event per refresh says how many units were keyed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Concat

from permitdesk.discovery.addresses import Unparseable, parcel_key, parse, unit_key
from permitdesk.discovery.audit import Audit
from permitdesk.discovery.models import PlaceKey
from permitdesk.records.models import Jurisdiction, Unit

BATCH = 5000


def _source() -> Concat:
    return Concat(
        F("property__address"),
        Value("|"),
        F("property__zip_code"),
        Value("|"),
        F("label"),
        output_field=CharField(),
    )


def _key(row: Mapping[str, Any], jurisdiction: Jurisdiction) -> PlaceKey:
    address, zip_code, label = str(row["address"]), str(row["zip"]), str(row["label"])
    try:
        place = parse(address, "", zip_code)  # once per building (cached); the unit apart
        street_key, number, street = place.street_key, place.number, place.street
    except Unparseable:
        street_key = number = street = ""  # matched by its parcel id alone
    return PlaceKey(
        unit_id=row["pk"],
        property_id=row["property_id"],
        jurisdiction=jurisdiction,
        parcel_key=parcel_key(str(row["parcel"])),
        street_key=street_key,
        number=number,
        street=street,
        unit_key=unit_key(label),
        zip_code=zip_code[:5],
        source=str(row["source"])[:250],
    )


def refresh_place_keys(*, jurisdiction: Jurisdiction, actor: User | None, now: dt.datetime) -> int:
    """Key the jurisdiction's units that have no keys or whose address changed; how many."""
    stale = (
        Unit.objects.filter(property__jurisdiction=jurisdiction)
        # The keys' source through the join (a plain WHERE), not a negated lookup across the
        # relation: Django makes that a subquery, which PostgreSQL re-ran for each unit as the
        # keys were written (the first keying of 94,500 units took 100 s).
        .annotate(source=_source(), keyed_from=F("place_key__source"))
        .filter(Q(keyed_from__isnull=True) | ~Q(keyed_from=F("source")))
        .values(
            "pk",
            "property_id",
            "label",
            "source",
            parcel=F("property__parcel_id"),
            address=F("property__address"),
            zip=F("property__zip_code"),
        )
        .order_by("pk")
    )
    keyed = 0
    with transaction.atomic():
        batch: list[PlaceKey] = []
        for row in stale.iterator(chunk_size=BATCH):
            batch.append(_key(row, jurisdiction))
            if len(batch) == BATCH:
                keyed += _write(batch)
                batch = []
        keyed += _write(batch)
        if keyed:
            audit = Audit(actor, now, jurisdiction.slug)
            audit.record("discovery.keys-refreshed", jurisdiction, None, {"units_keyed": keyed})
    return keyed


def _write(batch: list[PlaceKey]) -> int:
    if not batch:
        return 0
    PlaceKey.objects.filter(unit_id__in=[k.unit_id for k in batch]).delete()
    PlaceKey.objects.bulk_create(batch, batch_size=BATCH)
    return len(batch)
