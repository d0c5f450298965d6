"""Who a person is to a property (records.Relation): a claim, the desk's decision, its end."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from permitdesk.api.schemas.common import NO_NUL, Line64
from permitdesk.api.schemas.law import JurisdictionSlug
from permitdesk.records.models import Relation
from permitdesk.records.relations import EVIDENCE_LIMIT, REASON_LIMIT

# Relation.Kind's values, for the schema's enum (a test holds them equal).
RelationKind = Literal["owner", "managing-agent", "buyer", "tenant"]
Evidence = Annotated[str, Field(max_length=EVIDENCE_LIMIT, pattern=NO_NUL)]
Reason = Annotated[str, Field(min_length=1, max_length=REASON_LIMIT, pattern=NO_NUL)]


class ClaimIn(Schema):
    jurisdiction: JurisdictionSlug
    parcel_id: Line64 = Field(description="the recorded parcel's id in that jurisdiction")
    unit_label: Annotated[str, Field(max_length=32, pattern=NO_NUL)] = Field(
        "", description="one unit of the parcel (a tenant's or a buyer's); empty: the parcel"
    )
    kind: RelationKind
    evidence: Evidence = Field(
        "",
        description="the owner's authorisation (an agent), the sales contract (a buyer), the "
        "lease (a tenant): what it is, its date, its reference; required but for an owner",
    )


class ReasonIn(Schema):
    reason: Reason = Field(description="why: the person reads it in their e-mail")


class RelationOut(Schema):
    id: int
    person: str = Field(validation_alias="person.username", description="the person's user name")
    person_name: str
    jurisdiction: str = Field(validation_alias="property.jurisdiction.slug")
    property: int = Field(validation_alias="property_id")
    parcel_id: str = Field(validation_alias="property.parcel_id")
    address: str = Field(validation_alias="property.address")
    unit: int | None = Field(validation_alias="unit_id")
    unit_label: str
    kind: RelationKind
    status: Literal["claimed", "verified", "refused", "ended"]
    evidence: str
    reason: str = Field(description="why the desk refused it, or why it ended")
    claimed_at: dt.datetime
    decided_at: dt.datetime | None
    ended_at: dt.datetime | None

    @staticmethod
    def resolve_person_name(obj: Relation) -> str:
        return obj.person.get_full_name()

    @staticmethod
    def resolve_unit_label(obj: Relation) -> str:
        return obj.unit.label if obj.unit is not None else ""
