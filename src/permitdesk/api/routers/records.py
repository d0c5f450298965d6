"""Properties and their units (with bedrooms): recorded by applicants, clerks and code
officials; read by anyone signed in (addresses and rooms, no personal data)."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router, Status

from permitdesk.api.auth import AUTH, acting
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
        **acting(request),
        jurisdiction_slug=body.jurisdiction,
        **body.model_dump(exclude={"jurisdiction"}),  # parcel_id, address, city, state, zip_code
    )
    return Status(201, places.property_detail(place.pk))


@router.get("/properties/{id}", response=responses({200: PropertyOut}, *AUTH_READ))
def get_property(request: HttpRequest, id: Annotated[Id, Path()]) -> Property:
    return places.property_detail(id)


@router.post("/properties/{id}/units", response=responses({201: UnitOut}, *AUTH_BODY))
def post_unit(request: HttpRequest, id: Annotated[Id, Path()], body: UnitIn) -> Status[Unit]:
    unit = add_unit(
        **acting(request),
        place=places.place(id),
        bedrooms=[room.to_input() for room in body.bedrooms],
        **body.model_dump(exclude={"bedrooms"}),  # label, unit_type, the smoke alarms, ...
    )
    return Status(201, places.unit_detail(unit.pk))


@router.get("/units/{id}", response=responses({200: UnitOut}, *AUTH_READ))
def get_unit(request: HttpRequest, id: Annotated[Id, Path()]) -> Unit:
    return places.unit_detail(id)
