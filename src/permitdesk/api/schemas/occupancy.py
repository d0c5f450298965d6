"""Visitors staying with a household, and the village's change-of-occupancy reports."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from permitdesk.api.schemas.common import DateIn, Line200


class VisitorIn(Schema):
    name: Line200
    arrived_on: DateIn


class VisitorOut(Schema):
    id: int
    name: str
    arrived_on: dt.date
    left_on: dt.date | None


class ChangeReportIn(Schema):
    changed_on: DateIn = Field(description="the day the occupancy changed")


class ChangeReportOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    changed_on: dt.date
    reported_at: dt.datetime
    reported_on: dt.date = Field(description="the day it was made, in the jurisdiction's zone")
    due_on: dt.date = Field(description="the last day the ordinance allowed for the report")
    late: bool = Field(description="made after due_on (still recorded)")
