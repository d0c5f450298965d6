"""Requesting an inspection (and moving or cancelling the request), assigning the inspector,
recording the result."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router, Status

from permitdesk.api.auth import AUTH, acting
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
        **acting(request),
        application=lookups.application(id),
        **body.model_dump(),  # wanted_on, window, contact_name, contact_phone, override_reason
    )
    return Status(201, inspection)


@router.post("/inspections/{id}/reschedule", response=responses({200: InspectionOut}, *AUTH_BODY))
def post_reschedule(request: HttpRequest, id: InspectionId, body: RescheduleIn) -> Inspection:
    """Move a pending inspection to another day and part of the day, while its day is still
    open to a new request (the pack's cut-off). The inspector is released: the division
    assigns one to the new day. A fee only where the pack names one (none does)."""
    return reschedule_inspection(
        **acting(request),
        inspection=lookups.inspection(id),
        **body.model_dump(),  # wanted_on, window
    )


@router.post("/inspections/{id}/cancel", response=responses({200: ApplicationOut}, *AUTH_BODY))
def post_cancellation(request: HttpRequest, id: InspectionId, body: CancelIn) -> Application:
    """Call off a pending inspection while its day is still open: the case goes back to
    where it was before the request, a fee charged for this visit is waived, and the
    applicant and the assigned inspector are told. Answers the case as it is now."""
    who = acting(request)
    case = cancel_inspection(**who, inspection=lookups.inspection(id), reason=body.reason)
    return application_detail(who["actor"], case.pk)


@router.post("/inspections/{id}/assign", response=responses({200: InspectionOut}, *AUTH_BODY))
def post_assignment(request: HttpRequest, id: InspectionId, body: AssignIn) -> Inspection:
    return assign_inspector(
        **acting(request), inspection=lookups.inspection(id), inspector=lookups.user(body.inspector)
    )


@router.post("/inspections/{id}/result", response=responses({200: InspectionOut}, *AUTH_BODY))
def post_result(request: HttpRequest, id: InspectionId, body: ResultIn) -> Inspection:
    """The assigned inspector (or a code official) records passed, failed or no access."""
    return record_inspection_result(
        **acting(request),
        inspection=lookups.inspection(id),
        violations=[violation.to_input() for violation in body.violations],
        **body.model_dump(exclude={"violations"}),  # result, checklist, notes, override_reason
    )
