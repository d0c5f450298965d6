"""The whole state a sweep may change, to compare two runs (the cases it acts on:
tests/factories/deadlines.py)."""

from __future__ import annotations

import json
from typing import Any

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Permit
from permitdesk.sweeps.models import Flag


def _flag_name(pk: int) -> str:
    flag = Flag.objects.get(pk=pk)
    return f"{flag.kind} {flag.object_type} {flag.object_id}"


def state() -> dict[str, list[Any]]:
    """Everything a sweep may change, without the ids a database sequence hands out (a run
    rolled back on PostgreSQL has used some up)."""
    events = [
        (
            e.action,
            e.object_type,
            _flag_name(int(e.object_id)) if e.object_type == "Flag" else e.object_id,
            e.application_id,
            e.jurisdiction_slug,
            e.at.isoformat(),
            json.dumps(e.before, sort_keys=True),
            json.dumps(e.after, sort_keys=True),
        )
        for e in AuditEvent.objects.all()
    ]
    return {
        "applications": sorted(Application.objects.values_list("pk", "status")),
        "permits": sorted(
            (p, str(at), reason)
            for p, at, reason in Permit.objects.values_list("pk", "ended_at", "end_reason")
        ),
        "flags": sorted(
            (k, t, o, str(at), str(due), detail)
            for k, t, o, at, due, detail in Flag.objects.values_list(
                "kind", "object_type", "object_id", "raised_at", "due_on", "detail"
            )
        ),
        "outbox": sorted(OutboxMessage.objects.values_list("key", "to", "subject", "body")),
        "audit": sorted(events),
    }
