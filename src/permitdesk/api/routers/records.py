"""Properties and their units (with bedrooms): recorded by applicants, clerks and code
officials; read by anyone signed in (addresses and rooms, no personal data)."""

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Status

from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import AUTH_BODY, AUTH_READ, responses
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.records import PropertyIn, PropertyOut, UnitIn, UnitOut
from permitdesk.records import selectors as places
from permitdesk.records.models import Property, Unit
from permitdesk.records.services import add_unit, create_property

router = Router(tags=["records"], auth=AUTH)


@router.post("/properties", response=responses({201: PropertyOut}, *AUTH_BODY))
def post_property(request: HttpRequest, body: PropertyIn) -> Status[Property]:
    place = create_property(
        actor=actor(request),
        jurisdiction_slug=body.jurisdiction,
        parcel_id=body.parcel_id,
        address=body.address,
        city=body.city,
        state=body.state,
        zip_code=body.zip_code,
        now=timezone.now(),
    )
    return Status(201, places.property_detail(place.pk))


@router.get("/properties/{id}", response=responses({200: PropertyOut}, *AUTH_READ))
def get_property(request: HttpRequest, id: Annotated[Id, Path()]) -> Property:
    return places.property_detail(id)


@router.post("/properties/{id}/units", response=responses({201: UnitOut}, *AUTH_BODY))
def post_unit(request: HttpRequest, id: Annotated[Id, Path()], body: UnitIn) -> Status[Unit]:
    unit = add_unit(
        actor=actor(request),
        place=places.place(id),
        label=body.label,
        unit_type=body.unit_type,
        units_in_building=body.units_in_building,
        new_construction=body.new_construction,
        hallway_smoke_alarms=body.hallway_smoke_alarms,
        livable_area_smoke_alarms=body.livable_area_smoke_alarms,
        bedrooms=[room.to_input() for room in body.bedrooms],
        now=timezone.now(),
    )
    return Status(201, places.unit_detail(unit.pk))


@router.get("/units/{id}", response=responses({200: UnitOut}, *AUTH_READ))
def get_unit(request: HttpRequest, id: Annotated[Id, Path()]) -> Unit:
    return places.unit_detail(id)
