"""The applicant's timeline says each new step in words, not as the action's name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from permitdesk.audit.models import AuditEvent
from permitdesk.web.applicant.timeline import describe


def event(
    action: str, before: dict[str, object] | None, after: dict[str, object] | None
) -> AuditEvent:
    return AuditEvent(action=action, at=timezone.now(), before=before, after=after)


@pytest.mark.parametrize(
    ("action", "before", "after", "words"),
    [
        (
            "change-occupant",
            None,
            {"name": "Ada Tenant-Smith"},
            "Occupant Ada Tenant-Smith changed.",
        ),
        ("remove-occupant", {"name": "Bo Tenant"}, None, "Occupant Bo Tenant removed."),
        (
            "reschedule-inspection",
            None,
            {"scheduled_on": dt.date(2026, 11, 19).isoformat(), "window": "pm"},
            "Inspection moved to Thursday, November 19, 2026, afternoon (PM).",
        ),
        ("cancel-inspection", None, {"status": "submitted"}, "Inspection request cancelled."),
        ("send-message", None, {"from_staff": True}, "The building division wrote a message."),
        ("send-message", None, {"from_staff": False}, "You wrote a message."),
        (
            "assign-inspector",
            None,
            {"inspector": 1},
            "An inspector was assigned: the visit is confirmed.",
        ),
    ],
)
def test_each_new_step_reads_as_words(
    action: str, before: dict[str, object] | None, after: dict[str, object] | None, words: str
) -> None:
    assert describe(event(action, before, after)) == words
