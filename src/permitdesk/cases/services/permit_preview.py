"""What issuing the occupancy permit would do, shown to the clerk before they confirm it: the
service itself is run and its transaction rolled back, so the preview is the permit the
confirmation will issue (its number, its end, its occupants, the permits it ends) or the
refusal it would meet, and it changes nothing (no permit, audit event or e-mail stays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NotRequired, TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application
from permitdesk.cases.services.permits import issue_permit


@dataclass(frozen=True)
class PermitPreview:
    number: str
    issued_on: dt.datetime
    ends_on: dt.date | None
    evidence: str
    occupants: list[str]  # "Ada Tenant, 34, head"
    ends: list[str]  # the permits it ends, as the audit event names them


class _Previewed(Exception):
    def __init__(self, preview: PermitPreview) -> None:
        super().__init__("previewed")
        self.preview = preview


def _person(first: str, last: str, age: int | None, relationship: str) -> str:
    return ", ".join(
        [
            f"{first} {last}",
            *([str(age)] if age is not None else []),
            *([relationship] * bool(relationship)),
        ]
    )


class PermitIssue(TypedDict):
    """What issue_permit is called with, and so preview_permit."""

    actor: User
    application: Application
    now: dt.datetime
    evidence: NotRequired[str]
    override_reason: NotRequired[str]


def preview_permit(**issue: Unpack[PermitIssue]) -> PermitPreview:
    """The permit issue_permit would issue with these arguments, or its refusal (raised)."""
    application, now = issue["application"], issue["now"]
    try:
        with transaction.atomic():
            permit = issue_permit(**issue)
            event = AuditEvent.objects.filter(action="issue-permit", object_id=str(permit.pk))
            after = (event.values_list("after", flat=True).last()) or {}
            people = application.occupants.order_by("pk").values_list(
                "first_name", "last_name", "age", "relationship"
            )
            raise _Previewed(
                PermitPreview(
                    number=permit.number,
                    issued_on=now,
                    ends_on=permit.ends_on,
                    evidence=permit.evidence,
                    occupants=[_person(*person) for person in people],
                    ends=[str(ended) for ended in after.get("ended", [])],
                )
            )
    except _Previewed as done:
        return done.preview
