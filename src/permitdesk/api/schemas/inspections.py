"""Inspection requests, inspections and their results and violations, approvals."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from permitdesk.api.schemas.common import (
    JSON_INT,
    NO_NUL,
    BodyId,
    DateIn,
    Line32,
    Line200,
    LongText,
    RequiredLongText,
)
from permitdesk.cases.models import InspectionRequest
from permitdesk.cases.services.inspections import ViolationInput

# A request and a result alike: the rules' schedule that a code official may override.
ScheduleOverride = Annotated[
    LongText,
    Field(
        description="a code official's written reason for overriding the schedule the rules "
        "set (processing time, cut-off, business days, the day booked); audited"
    ),
]


class InspectionRequestIn(Schema):
    wanted_on: DateIn
    window: InspectionRequest.Window = InspectionRequest.Window.ANY
    contact_name: Line200
    contact_phone: Line32
    override_reason: ScheduleOverride = ""


class RescheduleIn(Schema):
    wanted_on: DateIn = Field(
        description="the new day; a day the rules would give a request made now (business "
        "days, the cut-off, the processing time)"
    )
    window: InspectionRequest.Window = Field(
        InspectionRequest.Window.ANY, description="the part of the day: am, pm or any"
    )


class CancelIn(Schema):
    reason: LongText = Field("", description="why, for the case's history (optional)")


class AssignIn(Schema):
    inspector: BodyId = Field(description="the user id of an inspector of the jurisdiction")


class ViolationIn(Schema):
    code_citation: Line200 = Field(examples=["IPMC 704.2"])
    description: RequiredLongText
    correction: LongText = ""

    def to_input(self) -> ViolationInput:
        return ViolationInput(self.code_citation, self.description, self.correction)


ChecklistKey = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
ChecklistValue = (
    bool | Annotated[int, Field(ge=-(10**9), le=10**9), JSON_INT] | LongText | None
)  # jsonb: no NUL, no huge numbers


class ResultIn(Schema):
    result: Literal["passed", "failed", "no-access"] = Field(
        description="failed lists the violations"
    )
    violations: Annotated[list[ViolationIn], Field(max_length=100)] = Field(default_factory=list)
    checklist: Annotated[
        dict[ChecklistKey, ChecklistValue],
        Field(max_length=200, json_schema_extra={"additionalProperties": False}),
    ] = Field(default_factory=dict)
    notes: LongText = ""
    override_reason: ScheduleOverride = ""


class ViolationOut(Schema):
    id: int
    code_citation: str
    description: str
    correction: str


class InspectionOut(Schema):
    id: int
    application: int = Field(validation_alias="application_id")
    number: int = Field(description="1 for the initial inspection, 2 for the first re-inspection")
    scheduled_on: dt.date
    window: str
    inspector: int | None = Field(validation_alias="inspector_id")
    result: str
    checklist: dict[str, bool | int | str | None]
    notes: str
    completed_at: dt.datetime | None
    violations: list[ViolationOut]


class ApprovalOut(Schema):
    approved_on: dt.date
    valid_through: dt.date | None = Field(description="empty: no validity limit")
