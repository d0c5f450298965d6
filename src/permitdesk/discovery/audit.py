"""The audit events of discovery's changes: who made them, when, and the jurisdiction whose
records they changed, stated once for all the events of a change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model

from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import audit_event, record_event


@dataclass(frozen=True)
class Audit:
    """`actor` (None: the system) changed records of the jurisdiction `slug` at `now`."""

    actor: User | None
    now: dt.datetime
    slug: str

    def event(
        self,
        action: str,
        obj: Model,
        before: dict[str, Any] | None,
        after: dict[str, Any],
        application_id: int | None = None,
    ) -> AuditEvent:
        """The event of `action` on `obj`, its state `before` and `after`, not yet written
        (a batch's are written at once with record_all)."""
        return audit_event(
            actor=self.actor,
            action=action,
            obj=obj,
            at=self.now,
            before=before,
            after=after,
            jurisdiction_slug=self.slug,
            application_id=application_id,
        )

    def record(
        self, action: str, obj: Model, before: dict[str, Any] | None, after: dict[str, Any]
    ) -> AuditEvent:
        """The event, written; inside the change's transaction."""
        return record_event(self.event(action, obj, before, after))
