"""Approvals that run out: an approval whose window passed without a permit lapses, and a new
application, fee and inspection are due (Clayton's 90 days, St. Louis County's 120 days to
name the occupants, St. Clair's and the village's year)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import record_event
from permitdesk.cases.models import Application, Approval
from permitdesk.cases.services.base import locked, pack_of, status_change
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused, check_transition


def last_day_passed(approval: Approval | None, today: dt.date) -> dt.date | None:
    """The approval's last day when `today` is past it (the approval lapses), else None."""
    if approval is None or approval.valid_through is None or today <= approval.valid_through:
        return None
    return approval.valid_through


def mark_lapsed(
    application: Application, last_day: dt.date, *, actor: User | None, now: dt.datetime
) -> AuditEvent:
    """The case lapsed, in memory (the caller saves it), and the audit event of it, not yet
    written: lapse_approval writes one, the sweep a batch of them."""
    return status_change(
        application,
        Application.Status.LAPSED,
        noted={"valid_through": last_day.isoformat()},
        actor=actor,
        action="lapse-approval",
        obj=application,
        at=now,
    )


def lapse_approval(
    *, actor: User | None, application: Application, now: dt.datetime
) -> Application:
    """An approval whose window passed without a permit: a new application and fee are due."""
    with transaction.atomic():
        application = locked(application)
        check_transition("lapse-approval", application.status)
        pack = pack_of(application)
        last_day = last_day_passed(getattr(application, "approval", None), local(pack, now).date())
        if last_day is None:
            raise Refused("the approval is still valid", code="still-valid")
        event = mark_lapsed(application, last_day, actor=actor, now=now)
        application.save(update_fields=["status"])
        record_event(event)
    return application
