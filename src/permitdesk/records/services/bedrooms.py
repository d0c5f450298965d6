"""A unit's bedrooms: their areas decide how many may live in it, so each is checked, and
every change writes the unit's bedrooms before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.records.models import (
    Bedroom,
    Unit,
)
from permitdesk.records.services.base import audit, locked, require_may_edit
from permitdesk.rules.lifecycle import Refused


@dataclass(frozen=True)
class BedroomInput:
    area_sqft: Decimal
    basement: bool = False
    egress_opening_sqft: Decimal | None = None
    smoke_alarm: bool = True

    def as_fields(self) -> dict[str, Any]:
        """The bedroom's fields, as Bedroom names them."""
        return asdict(self)


AREA_LIMIT = Decimal("99999.99")  # Bedroom.area_sqft: 7 digits, 2 places


EGRESS_LIMIT = Decimal("999.99")  # Bedroom.egress_opening_sqft: 5 digits, 2 places


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


def _bedroom_change(
    actor: User, unit: Unit, action: str, now: dt.datetime, change: Callable[[], None]
) -> None:
    """A change to a unit's bedrooms, audited on the unit with its bedrooms before and after:
    the trail shows what the occupancy limit was read from at any moment."""
    place = unit.property
    require_may_edit(actor, place.jurisdiction_id, f"unit {unit.pk}")
    locked(Unit, unit.pk)  # one bedroom change at a time per unit
    before = bedrooms_state(unit)
    change()
    after = bedrooms_state(unit)
    audit(unit, action, actor, now, {"bedrooms": before}, {"bedrooms": after}, place.jurisdiction)


@transaction.atomic
def add_bedroom(*, actor: User, unit: Unit, room: BedroomInput, now: dt.datetime) -> Bedroom:
    check_bedroom(room)
    added: list[Bedroom] = []

    def change() -> None:
        added.append(Bedroom.objects.create(unit=unit, **room.as_fields()))

    _bedroom_change(actor, unit, "add-bedroom", now, change)
    return added[0]


@transaction.atomic
def change_bedroom(
    *, actor: User, bedroom: Bedroom, room: BedroomInput, now: dt.datetime
) -> Bedroom:
    check_bedroom(room)
    unit = bedroom.unit
    fields = room.as_fields()
    if all(getattr(bedroom, name) == value for name, value in fields.items()):
        require_may_edit(actor, unit.property.jurisdiction_id, f"unit {unit.pk}")
        return bedroom

    def change() -> None:
        for name, value in fields.items():
            setattr(bedroom, name, value)
        bedroom.save()

    _bedroom_change(actor, unit, "change-bedroom", now, change)
    return bedroom


@transaction.atomic
def remove_bedroom(*, actor: User, bedroom: Bedroom, now: dt.datetime) -> None:
    def change() -> None:
        bedroom.delete()

    _bedroom_change(actor, bedroom.unit, "remove-bedroom", now, change)
