"""Recording properties, their units and the units' bedrooms: one function each, the change
and its audit event in one transaction. The API, the portal and imports call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, roles
from permitdesk.audit.services import record
from permitdesk.cases.permissions import require_may_record_on
from permitdesk.law.pack import UnknownName
from permitdesk.records.models import Bedroom, Jurisdiction, Property, Relation, Unit, normalized
from permitdesk.records.relations import EVIDENCE_LIMIT, check_kind, check_text, start_relation
from permitdesk.rules.lifecycle import Refused

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class BedroomInput:
    area_sqft: Decimal
    basement: bool = False
    egress_opening_sqft: Decimal | None = None
    smoke_alarm: bool = True


def _require_may_record(actor: User, jurisdiction: Jurisdiction) -> None:
    """Applicants (no staff role there), clerks and code officials record properties and
    units; an inspector of the jurisdiction does not."""
    held = roles(actor, jurisdiction.pk)
    if held and not held & {Role.CLERK, Role.CODE_OFFICIAL}:
        raise Forbidden("inspectors do not record properties or units")


def _create_once(existing: QuerySet[M], taken: Refused, create: Callable[[], M]) -> M:
    """create() in its own transaction, refused with `taken` when `existing` finds the row,
    before the insert or at it (the same row, recorded at the same moment by another request)."""
    if existing.exists():
        raise taken
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        raise taken from None


def create_property(
    *,
    actor: User,
    jurisdiction_slug: str,
    parcel_id: str,
    address: str,
    city: str,
    state: str,
    zip_code: str,
    now: dt.datetime,
    relation: str = Relation.Kind.OWNER,
    evidence: str = "",
) -> Property:
    """A parcel in a jurisdiction; a parcel is recorded once per jurisdiction. The person who
    records it (not its staff) claims their `relation` to it at the same time; anyone after
    them claims a relation to the same record (records.relations.claim_relation)."""
    jurisdiction = Jurisdiction.objects.filter(slug=jurisdiction_slug).first()
    if jurisdiction is None:
        served = ", ".join(Jurisdiction.objects.order_by("slug").values_list("slug", flat=True))
        raise UnknownName(
            f"jurisdiction '{jurisdiction_slug}' is not served here: one of: {served or '(none)'}"
        )
    _require_may_record(actor, jurisdiction)
    claims = not roles(actor, jurisdiction.pk)
    if claims:
        check_kind(relation)
        evidence = check_text(evidence, "evidence", EVIDENCE_LIMIT)
    parcel_id, address = parcel_id.strip(), address.strip()
    if not parcel_id or not address:
        raise Refused(
            "a property needs a parcel id and an address",
            code="required",
            field="address" if parcel_id.strip() else "parcel_id",
        )
    taken = Refused(
        f"parcel {parcel_id} is already recorded in {jurisdiction}"
        + (": claim your relation to it instead" if claims else ""),
        code="taken",
        field="parcel_id",
    )

    def create() -> Property:
        place = Property.objects.create(
            jurisdiction=jurisdiction,
            parcel_id=parcel_id,
            address=address,
            normalized_address=normalized(address),
            city=city.strip(),
            state=state.strip().upper(),
            zip_code=zip_code.strip(),
        )
        record(
            actor=actor,
            action="create-property",
            obj=place,
            at=now,
            before=None,
            after={"parcel_id": parcel_id, "address": address, "city": place.city},
            jurisdiction_slug=jurisdiction.slug,
        )
        if claims:
            start_relation(actor=actor, place=place, kind=relation, evidence=evidence, now=now)
        return place

    return _create_once(
        Property.objects.filter(jurisdiction=jurisdiction, parcel_id=parcel_id), taken, create
    )


def add_unit(
    *,
    actor: User,
    place: Property,
    label: str,
    unit_type: str,
    units_in_building: int,
    bedrooms: Sequence[BedroomInput],
    now: dt.datetime,
    new_construction: bool = False,
    hallway_smoke_alarms: bool | None = None,
    livable_area_smoke_alarms: bool | None = None,
) -> Unit:
    """A dwelling unit of a property, with its bedrooms (what the occupancy limits read).
    Only the property's owner or agent and its jurisdiction's clerks and code officials add
    one; to anyone else the property is not found."""
    jurisdiction = place.jurisdiction
    require_may_record_on(actor, place.pk, place.jurisdiction_id)
    if unit_type not in Unit.UnitType.values:
        raise Refused(
            f"unit_type '{unit_type}' is not one of: {', '.join(Unit.UnitType.values)}",
            code="choice",
            field="unit_type",
        )
    if units_in_building < 1:
        raise Refused(
            "units_in_building must be at least 1", code="too-small", field="units_in_building"
        )
    label = label.strip()
    taken = Refused(
        f"unit '{label or '(no label)'}' is already recorded at {place}",
        code="taken",
        field="label",
    )

    def create() -> Unit:
        unit = Unit.objects.create(
            property=place,
            label=label,
            unit_type=unit_type,
            units_in_building=units_in_building,
            new_construction=new_construction,
            hallway_smoke_alarms=hallway_smoke_alarms,
            livable_area_smoke_alarms=livable_area_smoke_alarms,
        )
        Bedroom.objects.bulk_create(
            Bedroom(
                unit=unit,
                area_sqft=room.area_sqft,
                basement=room.basement,
                egress_opening_sqft=room.egress_opening_sqft,
                smoke_alarm=room.smoke_alarm,
            )
            for room in bedrooms
        )
        record(
            actor=actor,
            action="add-unit",
            obj=unit,
            at=now,
            before=None,
            after={
                "property": place.pk,
                "label": label,
                "unit_type": unit_type,
                "units_in_building": units_in_building,
                "bedrooms": [str(room.area_sqft) for room in bedrooms],
            },
            jurisdiction_slug=jurisdiction.slug,
        )
        return unit

    return _create_once(Unit.objects.filter(property=place, label=label), taken, create)
