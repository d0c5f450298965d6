"""What the bedroom tests share: a Clayton unit with bedrooms of 120 and 100 square feet, the
three calls as the refusal tables build them, and the areas an audit event shows."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from django.contrib.auth.models import User

from permitdesk.records.models import Bedroom, Unit
from permitdesk.records.services import BedroomInput, add_bedroom, change_bedroom, remove_bedroom
from tests import factories

NOW = factories.ON_WEDNESDAY


def home() -> Unit:
    return factories.unit("clayton-mo", bedrooms=("120", "100"))


def first(unit: Unit) -> Bedroom:
    return unit.bedrooms.order_by("pk")[0]


def add(actor: User, area: str = "90", egress: str | None = None) -> partial[Bedroom]:
    room = BedroomInput(
        Decimal(area), egress_opening_sqft=None if egress is None else Decimal(egress)
    )
    return partial(add_bedroom, actor=actor, unit=home(), room=room, now=NOW)


def change(actor: User, area: str = "70") -> partial[Bedroom]:
    room = BedroomInput(Decimal(area))
    return partial(change_bedroom, actor=actor, bedroom=first(home()), room=room, now=NOW)


def remove(actor: User) -> partial[None]:
    return partial(remove_bedroom, actor=actor, bedroom=first(home()), now=NOW)


def areas(event_side: dict[str, list[dict[str, object]]]) -> list[object]:
    return [room["area_sqft"] for room in event_side["bedrooms"]]
