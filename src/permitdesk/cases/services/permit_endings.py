"""Ending permits: by a clerk (end_permit), by a newer permit on the case or the unit, or by
the sweep at the end of their term (mark_ended)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import record_event
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services.base import check_choice, locked_for, status_change
from permitdesk.rules.lifecycle import Refused

END_REASONS = (
    "change-of-tenancy",
    "change-of-occupancy",
    "term-expired",
    "superseded",
    "revoked",
)


def mark_ended(
    application: Application,
    permit: Permit,
    *,
    reason: str,
    ended_at: dt.datetime,
    last_in_force: bool,
    actor: User | None,
    now: dt.datetime,
    noted: dict[str, Any] | None = None,
) -> AuditEvent:
    """The permit ended as of `ended_at`, and the case with it when it was the case's
    `last_in_force`, in memory (the caller saves them), and the audit event of it (recording
    `noted` besides), not yet written: end_permit writes one, the sweep a batch of them."""
    permit.ended_at, permit.end_reason = ended_at, reason
    return status_change(
        application,
        Application.Status.ENDED if last_in_force else application.status,
        noted={"permit": permit.number, "reason": reason, **(noted or {})},
        actor=actor,
        action="end-permit",
        obj=permit,
        at=now,
    )


def end_permit(*, actor: User, permit: Permit, reason: str, now: dt.datetime) -> Permit:
    """A clerk ends a permit in force for one of END_REASONS; the case ends with its last."""
    check_choice(reason, END_REASONS, field="reason")
    with transaction.atomic():
        application = locked_for(actor, "end-permit", permit.application)
        permit = Permit.objects.select_for_update().get(pk=permit.pk)
        if permit.ended_at is not None:
            raise Refused(
                f"permit {permit.number} already ended ({permit.end_reason})", code="ended"
            )
        end_now(application, permit, reason, actor=actor, now=now)
    return permit


def end_now(
    application: Application,
    permit: Permit,
    reason: str,
    *,
    actor: User,
    now: dt.datetime,
    noted: dict[str, Any] | None = None,
) -> None:
    """End `permit` now, and its case with it when it was the case's last in force; the
    caller holds the case's row lock."""
    others = Permit.objects.filter(application=application, ended_at=None).exclude(pk=permit.pk)
    last = not others.exists()
    event = mark_ended(
        application,
        permit,
        reason=reason,
        ended_at=now,
        last_in_force=last,
        actor=actor,
        now=now,
        noted=noted,
    )
    permit.save(update_fields=["ended_at", "end_reason"])
    if last:
        application.save(update_fields=["status"])
    record_event(event)


def supersede(
    application: Application, kinds: set[str], reason: str, now: dt.datetime
) -> list[str]:
    """End the case's permits in force of `kinds` for `reason` (the caller holds the case's
    row lock): the new permit's audit event names them; their numbers are returned."""
    ended = []
    for permit in Permit.objects.select_for_update().filter(
        application=application, ended_at=None, kind__in=kinds
    ):
        permit.ended_at, permit.end_reason = now, reason
        permit.save(update_fields=["ended_at", "end_reason"])
        ended.append(permit.number)
    return ended
