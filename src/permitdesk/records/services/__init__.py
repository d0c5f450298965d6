"""Recording properties, their units and the units' bedrooms: one function each, the change
and its audit event in one transaction. The API, the portal and imports call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, NotFound, roles, staff_who
from permitdesk.audit.services import record
from permitdesk.cases.permissions import require_may_record_on
from permitdesk.law.pack import UnknownName
from permitdesk.records.models import (
    Bedroom,
    Jurisdiction,
    Party,
    Property,
    Relation,
    Unit,
    normalized,
)
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
        raise Forbidden(f"{staff_who(held)} do not record properties or units")


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


# Editing the records. The clerks and code officials of the property's jurisdiction edit
# them; each edit writes its before and after in the trail, since a bedroom's area decides
# how many may legally live in the unit (the occupancy limits read it).

EDITORS = {Role.CLERK, Role.CODE_OFFICIAL}
AREA_LIMIT = Decimal("99999.99")  # Bedroom.area_sqft: 7 digits, 2 places
EGRESS_LIMIT = Decimal("999.99")  # Bedroom.egress_opening_sqft: 5 digits, 2 places


def require_may_edit(actor: User, jurisdiction_id: int, what: str) -> None:
    """The jurisdiction's clerks and code officials edit its records; its inspectors see them
    but may not (403); anyone else is told the record is not found (404)."""
    held = roles(actor, jurisdiction_id)
    if held & EDITORS:
        return
    if held:
        raise Forbidden("only the jurisdiction's clerks and code officials edit its records")
    raise NotFound(f"{what} not found")


def property_state(place: Property) -> dict[str, str]:
    return {
        "parcel_id": place.parcel_id,
        "address": place.address,
        "city": place.city,
        "state": place.state,
        "zip_code": place.zip_code,
    }


def unit_state(unit: Unit) -> dict[str, object]:
    return {
        "label": unit.label,
        "unit_type": unit.unit_type,
        "units_in_building": unit.units_in_building,
        "new_construction": unit.new_construction,
        "hallway_smoke_alarms": unit.hallway_smoke_alarms,
        "livable_area_smoke_alarms": unit.livable_area_smoke_alarms,
    }


def bedrooms_state(unit: Unit) -> list[dict[str, object]]:
    """The unit's bedrooms as the trail shows them: what the occupancy limits read."""
    return [
        {
            "id": room.pk,
            "area_sqft": str(room.area_sqft),
            "basement": room.basement,
            "egress_opening_sqft": (
                None if room.egress_opening_sqft is None else str(room.egress_opening_sqft)
            ),
            "smoke_alarm": room.smoke_alarm,
        }
        for room in Bedroom.objects.filter(unit=unit).order_by("pk")
    ]


def party_state(party: Party) -> dict[str, str]:
    return {"kind": party.kind, "name": party.name, "email": party.email, "phone": party.phone}


def check_bedroom(room: BedroomInput) -> None:
    """A bedroom's areas: square feet, zero or more, two places, within the columns."""
    if not 0 <= room.area_sqft <= AREA_LIMIT:
        raise Refused(
            f"area_sqft must be between 0 and {AREA_LIMIT} square feet, not {room.area_sqft}",
            code="out-of-range",
            field="area_sqft",
        )
    egress = room.egress_opening_sqft
    if egress is not None and not 0 <= egress <= EGRESS_LIMIT:
        raise Refused(
            f"egress_opening_sqft must be between 0 and {EGRESS_LIMIT} square feet, not {egress}",
            code="out-of-range",
            field="egress_opening_sqft",
        )


def check_place(parcel_id: str, address: str, state: str) -> None:
    if not parcel_id or not address:
        raise Refused(
            "a property needs a parcel id and an address",
            code="required",
            field="address" if parcel_id else "parcel_id",
        )
    if len(state) != 2 or not state.isalpha():
        raise Refused(
            f"state must be a two-letter code such as MO, not '{state}'",
            code="invalid",
            field="state",
        )


def check_unit_fields(unit_type: str, units_in_building: int) -> None:
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


def _locked(model: type[M], pk: int) -> M:
    return model._default_manager.select_for_update().get(pk=pk)


@transaction.atomic
def update_property(
    *,
    actor: User,
    place: Property,
    parcel_id: str,
    address: str,
    city: str,
    state: str,
    zip_code: str,
    now: dt.datetime,
) -> Property:
    """A property's parcel id and address; nothing changed, nothing written."""
    require_may_edit(actor, place.jurisdiction_id, f"property {place.pk}")
    place = _locked(Property, place.pk)
    parcel_id, address, state = parcel_id.strip(), address.strip(), state.strip().upper()
    check_place(parcel_id, address, state)
    others = Property.objects.filter(jurisdiction_id=place.jurisdiction_id, parcel_id=parcel_id)
    if others.exclude(pk=place.pk).exists():
        raise Refused(
            f"parcel {parcel_id} is already recorded in this jurisdiction",
            code="taken",
            field="parcel_id",
        )
    before = property_state(place)
    place.parcel_id, place.address, place.normalized_address = (
        parcel_id,
        address,
        normalized(address),
    )
    place.city, place.state, place.zip_code = city.strip(), state, zip_code.strip()
    after = property_state(place)
    _save_if_changed(place, "update-property", actor, now, before, after, place.jurisdiction.slug)
    return place


@transaction.atomic
def update_unit(
    *,
    actor: User,
    unit: Unit,
    label: str,
    unit_type: str,
    units_in_building: int,
    now: dt.datetime,
    new_construction: bool = False,
    hallway_smoke_alarms: bool | None = None,
    livable_area_smoke_alarms: bool | None = None,
) -> Unit:
    """A unit's label, type and smoke alarms (its bedrooms have their own services)."""
    place = unit.property
    require_may_edit(actor, place.jurisdiction_id, f"unit {unit.pk}")
    unit = _locked(Unit, unit.pk)
    label = label.strip()
    check_unit_fields(unit_type, units_in_building)
    if Unit.objects.filter(property_id=unit.property_id, label=label).exclude(pk=unit.pk).exists():
        raise Refused(
            f"unit '{label or '(no label)'}' is already recorded at {place}",
            code="taken",
            field="label",
        )
    before = unit_state(unit)
    unit.label, unit.unit_type, unit.units_in_building = label, unit_type, units_in_building
    unit.new_construction = new_construction
    unit.hallway_smoke_alarms = hallway_smoke_alarms
    unit.livable_area_smoke_alarms = livable_area_smoke_alarms
    after = unit_state(unit)
    _save_if_changed(unit, "update-unit", actor, now, before, after, place.jurisdiction.slug)
    return unit


def _save_if_changed(
    obj: Model,
    action: str,
    actor: User,
    now: dt.datetime,
    before: dict[str, Any],
    after: dict[str, Any],
    jurisdiction_slug: str,
) -> None:
    """An edit saved and audited when it changes something; one that changes nothing writes
    nothing."""
    if after != before:
        obj.save()
        record(
            actor=actor,
            action=action,
            obj=obj,
            at=now,
            before=before,
            after=after,
            jurisdiction_slug=jurisdiction_slug,
        )


def _bedroom_change(
    actor: User, unit: Unit, action: str, now: dt.datetime, change: Callable[[], None]
) -> None:
    """A change to a unit's bedrooms, audited on the unit with its bedrooms before and after:
    the trail shows what the occupancy limit was read from at any moment."""
    place = unit.property
    require_may_edit(actor, place.jurisdiction_id, f"unit {unit.pk}")
    _locked(Unit, unit.pk)  # one bedroom change at a time per unit
    before = bedrooms_state(unit)
    change()
    record(
        actor=actor,
        action=action,
        obj=unit,
        at=now,
        before={"bedrooms": before},
        after={"bedrooms": bedrooms_state(unit)},
        jurisdiction_slug=place.jurisdiction.slug,
    )


@transaction.atomic
def add_bedroom(*, actor: User, unit: Unit, room: BedroomInput, now: dt.datetime) -> Bedroom:
    check_bedroom(room)
    added: list[Bedroom] = []

    def change() -> None:
        added.append(
            Bedroom.objects.create(
                unit=unit,
                area_sqft=room.area_sqft,
                basement=room.basement,
                egress_opening_sqft=room.egress_opening_sqft,
                smoke_alarm=room.smoke_alarm,
            )
        )

    _bedroom_change(actor, unit, "add-bedroom", now, change)
    return added[0]


@transaction.atomic
def change_bedroom(
    *, actor: User, bedroom: Bedroom, room: BedroomInput, now: dt.datetime
) -> Bedroom:
    check_bedroom(room)
    unit = bedroom.unit
    same = (
        bedroom.area_sqft == room.area_sqft
        and bedroom.basement == room.basement
        and bedroom.egress_opening_sqft == room.egress_opening_sqft
        and bedroom.smoke_alarm == room.smoke_alarm
    )
    if same:
        require_may_edit(actor, unit.property.jurisdiction_id, f"unit {unit.pk}")
        return bedroom

    def change() -> None:
        bedroom.area_sqft, bedroom.basement = room.area_sqft, room.basement
        bedroom.egress_opening_sqft, bedroom.smoke_alarm = (
            room.egress_opening_sqft,
            room.smoke_alarm,
        )
        bedroom.save()

    _bedroom_change(actor, unit, "change-bedroom", now, change)
    return bedroom


@transaction.atomic
def remove_bedroom(*, actor: User, bedroom: Bedroom, now: dt.datetime) -> None:
    def change() -> None:
        bedroom.delete()

    _bedroom_change(actor, bedroom.unit, "remove-bedroom", now, change)


def party_jurisdictions(party: Party) -> list[Jurisdiction]:
    """The jurisdictions whose cases name the party, by slug."""
    return list(
        Jurisdiction.objects.filter(applications__parties=party).distinct().order_by("slug")
    )


def require_may_edit_party(actor: User, party: Party) -> Jurisdiction:
    """The clerks and code officials of a jurisdiction whose case names the party edit it
    (its first such jurisdiction is returned, where the edit is filed); a party on no case
    is not found."""
    places = party_jurisdictions(party)
    for where in places:
        if roles(actor, where.pk) & EDITORS:
            return where
    require_may_edit(actor, places[0].pk if places else 0, f"party {party.pk}")
    raise NotFound(f"party {party.pk} not found")


@transaction.atomic
def update_party(
    *,
    actor: User,
    party: Party,
    kind: str,
    name: str,
    email: str,
    phone: str,
    now: dt.datetime,
) -> Party:
    """A party's name and contact: the clerks and code officials of a jurisdiction whose
    case names the party edit it."""
    where = require_may_edit_party(actor, party)
    party = _locked(Party, party.pk)
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if kind not in Party.Kind.values:
        raise Refused(
            f"kind '{kind}' is not one of: {', '.join(Party.Kind.values)}",
            code="choice",
            field="kind",
        )
    if not name:
        raise Refused("a party needs a name", code="required", field="name")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(
                f"email '{email}' is not an e-mail address", code="invalid", field="email"
            ) from None
    before = party_state(party)
    party.kind, party.name, party.email, party.phone = kind, name, email, phone
    after = party_state(party)
    _save_if_changed(party, "update-party", actor, now, before, after, where.slug)
    return party
