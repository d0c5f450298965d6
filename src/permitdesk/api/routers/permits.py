"""Issuing permits (standard, conditional, temporary) and ending them."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Body, Path, Router, Status

from permitdesk.api.auth import AUTH, acting
from permitdesk.api.errors import ACTION, AUTH_BODY, responses
from permitdesk.api.routers.params import CaseId
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.permits import (
    ConditionalPermitIn,
    EndPermitIn,
    IssuePermitIn,
    PermitOut,
)
from permitdesk.cases.models import Permit
from permitdesk.cases.selectors import lookups
from permitdesk.cases.services.permit_amendments import amend_permit
from permitdesk.cases.services.permit_endings import end_permit
from permitdesk.cases.services.permits import (
    issue_conditional_permit,
    issue_permit,
    issue_temporary_permit,
)

router = Router(tags=["permits"], auth=AUTH)


@router.post("/applications/{id}/permits", response=responses({201: PermitOut}, *AUTH_BODY))
def post_permit(
    request: HttpRequest, id: CaseId, body: Annotated[IssuePermitIn | None, Body()] = None
) -> Status[Permit]:
    """The occupancy permit: the case approved and paid, every occupant named."""
    permit = issue_permit(
        **acting(request),
        application=lookups.application(id),
        **(body.model_dump() if body else {}),  # evidence, override_reason
    )
    return Status(201, permit)


@router.post(
    "/applications/{id}/conditional-permits", response=responses({201: PermitOut}, *AUTH_BODY)
)
def post_conditional_permit(
    request: HttpRequest, id: CaseId, body: ConditionalPermitIn
) -> Status[Permit]:
    """The village's temporary conditional permit, on the owner's statement to correct."""
    permit = issue_conditional_permit(
        **acting(request),
        application=lookups.application(id),
        **body.model_dump(),  # owner_statement, correction_due_on
    )
    return Status(201, permit)


@router.post("/applications/{id}/temporary-permits", response=responses({201: PermitOut}, *ACTION))
def post_temporary_permit(request: HttpRequest, id: CaseId) -> Status[Permit]:
    """St. Clair's temporary permit (utilities); it never authorises occupancy."""
    permit = issue_temporary_permit(**acting(request), application=lookups.application(id))
    return Status(201, permit)


@router.post("/applications/{id}/amended-permits", response=responses({201: PermitOut}, *ACTION))
def post_amended_permit(request: HttpRequest, id: CaseId) -> Status[Permit]:
    """A new permit for a changed household; it supersedes the one in force (St. Clair: $25)."""
    permit = amend_permit(**acting(request), application=lookups.application(id))
    return Status(201, permit)


@router.post("/permits/{id}/end", response=responses({200: PermitOut}, *AUTH_BODY))
def post_end(
    request: HttpRequest, id: Annotated[Id, Path(description="the permit's id")], body: EndPermitIn
) -> Permit:
    return end_permit(**acting(request), permit=lookups.permit(id), reason=body.reason)
