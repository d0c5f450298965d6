"""Requesting an inspection (and moving or cancelling the request), assigning the inspector,
recording the result."""

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Status

from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import AUTH_BODY, responses
from permitdesk.api.schemas.cases import ApplicationOut
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.inspections import (
    AssignIn,
    CancelIn,
    InspectionOut,
    InspectionRequestIn,
    RescheduleIn,
    ResultIn,
)
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors import lookups
from permitdesk.cases.selectors.case_file import application_detail
from permitdesk.cases.services.inspection_requests import (
    cancel_inspection,
    reschedule_inspection,
)
from permitdesk.cases.services.inspections import (
    assign_inspector,
    record_inspection_result,
    request_inspection,
)

router = Router(tags=["inspections"], auth=AUTH)

InspectionId = Annotated[Id, Path(description="the inspection's id")]


@router.post(
    "/applications/{id}/inspection-requests", response=responses({201: InspectionOut}, *AUTH_BODY)
)
def post_inspection_request(
    request: HttpRequest, id: Annotated[Id, Path()], body: InspectionRequestIn
) -> Status[Inspection]:
    """Ask for the next inspection (the initial one, or a re-inspection) on a day and window."""
    inspection = request_inspection(
        actor=actor(request),
        application=lookups.application(id),
        wanted_on=body.wanted_on,
        window=body.window,
        contact_name=body.contact_name,
        contact_phone=body.contact_phone,
        now=timezone.now(),
        override_reason=body.override_reason,
    )
    return Status(201, inspection)


@router.post("/inspections/{id}/reschedule", response=responses({200: InspectionOut}, *AUTH_BODY))
def post_reschedule(request: HttpRequest, id: InspectionId, body: RescheduleIn) -> Inspection:
    """Move a pending inspection to another day and part of the day, while its day is still
    open to a new request (the pack's cut-off). The inspector is released: the division
    assigns one to the new day. A fee only where the pack names one (none does)."""
    return reschedule_inspection(
        actor=actor(request),
        inspection=lookups.inspection(id),
        wanted_on=body.wanted_on,
        window=body.window,
        now=timezone.now(),
    )


@router.post("/inspections/{id}/cancel", response=responses({200: ApplicationOut}, *AUTH_BODY))
def post_cancellation(request: HttpRequest, id: InspectionId, body: CancelIn) -> Application:
    """Call off a pending inspection while its day is still open: the case goes back to
    where it was before the request, a fee charged for this visit is waived, and the
    applicant and the assigned inspector are told. Answers the case as it is now."""
    user = actor(request)
    case = cancel_inspection(
        actor=user, inspection=lookups.inspection(id), now=timezone.now(), reason=body.reason
    )
    return application_detail(user, case.pk)


@router.post("/inspections/{id}/assign", response=responses({200: InspectionOut}, *AUTH_BODY))
def post_assignment(request: HttpRequest, id: InspectionId, body: AssignIn) -> Inspection:
    return assign_inspector(
        actor=actor(request),
        inspection=lookups.inspection(id),
        inspector=lookups.user(body.inspector),
        now=timezone.now(),
    )


@router.post("/inspections/{id}/result", response=responses({200: InspectionOut}, *AUTH_BODY))
def post_result(request: HttpRequest, id: InspectionId, body: ResultIn) -> Inspection:
    """The assigned inspector (or a code official) records passed, failed or no access."""
    return record_inspection_result(
        actor=actor(request),
        inspection=lookups.inspection(id),
        result=body.result,
        violations=[violation.to_input() for violation in body.violations],
        checklist=body.checklist,
        notes=body.notes,
        now=timezone.now(),
        override_reason=body.override_reason,
    )
