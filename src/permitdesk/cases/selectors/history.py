"""A case's audit trail: who did what, when, the state before and after. One ordering
everywhere it is read (the API, the staff history page, the applicant's timeline): oldest
first, by (at, id), so two events of the same moment keep the order they were written in."""

from __future__ import annotations

from django.db.models import QuerySet

from permitdesk.accounts.permissions import Actor
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.actions import require
from permitdesk.cases.models import Application
from permitdesk.cases.selectors.lookups import application

ORDER = ("at", "id")


def audit_trail(case: Application | int) -> QuerySet[AuditEvent]:
    """The case's events, oldest first, with who acted (one query)."""
    pk = case if isinstance(case, int) else case.pk
    return AuditEvent.objects.filter(application_id=pk).select_related("actor").order_by(*ORDER)


def visible_audit_trail(actor: Actor, pk: int) -> QuerySet[AuditEvent]:
    """A case's audit trail, for its clerks and code officials (Forbidden for others)."""
    case = application(pk)
    require(actor, "view-audit", case)
    return audit_trail(case)
