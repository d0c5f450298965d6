"""Permits (standard, conditional, temporary), ending them, and the public verification."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from permitdesk.api.schemas.common import DateIn, LongText, RequiredLongText, Text32

# The services' END_REASONS (a test keeps the two the same).
EndReason = Literal[
    "change-of-tenancy", "change-of-occupancy", "term-expired", "superseded", "revoked"
]


class IssuePermitIn(Schema):
    evidence: Text32 = Field(
        "", description="the document the occupant showed, where the pack asks for one (St. Clair)"
    )
    override_reason: Annotated[
        LongText,
        Field(
            description="a code official's written reason for overriding the timing the rules "
            "set (processing, the approval's day); audited"
        ),
    ] = ""


class ConditionalPermitIn(Schema):
    owner_statement: RequiredLongText = Field(
        description="the owner's statement that the deficiencies will be corrected"
    )
    correction_due_on: DateIn


class EndPermitIn(Schema):
    reason: EndReason


class PermitOut(Schema):
    id: int
    application: int = Field(validation_alias="application_id")
    number: str
    kind: str
    issued_at: dt.datetime
    ends_on: dt.date | None
    correction_due_on: dt.date | None
    ended_at: dt.datetime | None
    end_reason: str
    verification_token: str = Field(description="for GET /api/verify/{token} (the QR code)")


PLACE_SHOWN = (
    "only to the verification token (the permit's QR code); null when asked by the permit "
    "number, which is sequential and would list every permit's address (decision 0007)"
)


class VerifyOut(Schema):
    """What anyone may know of a permit: no occupant, no applicant. Dates are the
    jurisdiction's own. The place only with the token printed on the permit (decision 0007)."""

    number: str
    status: Literal["valid", "ended"]
    kind: str
    jurisdiction: str
    jurisdiction_name: str
    address: str | None = Field(description=f"the street address; {PLACE_SHOWN}")
    unit: str | None = Field(description=f"the unit label, empty for a house; {PLACE_SHOWN}")
    city: str | None = Field(description=PLACE_SHOWN)
    state: str | None = Field(description=PLACE_SHOWN)
    issued_on: dt.date
    ends_on: dt.date | None
    ended_on: dt.date | None
    end_reason: str


class ChildCheckOut(Schema):
    """A school's question answered: is a child of this name on the permit, and the permit in
    force? Yes or no; never who else is (decision 0008)."""

    number: str
    status: Literal["valid", "ended"]
    named: bool = Field(
        description="true when an occupant recorded as under 18 has this first and last name "
        "(any case or spacing) and the permit is in force"
    )
