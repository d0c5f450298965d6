"""Properties, their units and the units' bedrooms."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema

from permitdesk.api.schemas.common import (
    NO_NUL,
    AreaIn,
    Count,
    EgressIn,
    Line64,
    Line100,
    Line200,
    Number,
)
from permitdesk.api.schemas.law import JurisdictionSlug
from permitdesk.records.models import Unit
from permitdesk.records.services import BedroomInput


class PropertyIn(Schema):
    jurisdiction: JurisdictionSlug
    parcel_id: Line64
    address: Line200 = Field(description="street address, e.g. 10 N Central Ave")
    city: Line100
    state: Annotated[str, Field(pattern=r"^[A-Z]{2}$", examples=["MO"])]
    zip_code: Annotated[str, Field(pattern=r"^[0-9]{5}(-[0-9]{4})?$", examples=["63105"])]


class UnitBrief(Schema):
    id: int
    label: str
    unit_type: str


class PropertyOut(Schema):
    id: int
    jurisdiction: str = Field(validation_alias="jurisdiction.slug")
    parcel_id: str
    address: str
    city: str
    state: str
    zip_code: str
    units: list[UnitBrief]


class BedroomIn(Schema):
    area_sqft: AreaIn
    basement: bool = False
    egress_opening_sqft: EgressIn | None = Field(
        None, description="the egress opening, for a basement bedroom"
    )
    smoke_alarm: bool = True

    def to_input(self) -> BedroomInput:
        return BedroomInput(
            area_sqft=self.area_sqft,
            basement=self.basement,
            egress_opening_sqft=self.egress_opening_sqft,
            smoke_alarm=self.smoke_alarm,
        )


class UnitIn(Schema):
    label: Annotated[
        str, Field(max_length=32, pattern=NO_NUL, description="unit number; empty for a house")
    ] = ""
    unit_type: Unit.UnitType
    units_in_building: Count = 1
    new_construction: bool = False
    hallway_smoke_alarms: bool | None = None
    livable_area_smoke_alarms: bool | None = None
    bedrooms: Annotated[list[BedroomIn], Field(max_length=50)] = Field(default_factory=list)


class BedroomOut(Schema):
    id: int
    area_sqft: Number
    basement: bool
    egress_opening_sqft: Number | None
    smoke_alarm: bool


class UnitOut(Schema):
    id: int
    property: int = Field(validation_alias="property_id")
    jurisdiction: str = Field(validation_alias="property.jurisdiction.slug")
    address: str = Field(validation_alias="property.address")
    label: str
    unit_type: str
    units_in_building: int
    new_construction: bool
    hallway_smoke_alarms: bool | None
    livable_area_smoke_alarms: bool | None
    bedrooms: list[BedroomOut]
