"""A case's audit trail, for its clerks and code officials."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.routers.params import CaseId
from permitdesk.api.schemas.cases import AuditEventOut
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.selectors.history import visible_audit_trail

router = Router(tags=["audit"], auth=AUTH)


@router.get(
    "/applications/{id}/audit", response=responses({200: list[AuditEventOut]}, 401, 403, 404, 422)
)
@paginate(Keyset)
def list_audit_events(request: HttpRequest, id: CaseId) -> QuerySet[AuditEvent]:
    """Who did what to the case, and when, with the state before and after; oldest first."""
    return visible_audit_trail(actor(request), id)
