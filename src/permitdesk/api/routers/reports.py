"""The village's change-of-occupancy reports: made for a unit by its owner or agent (or a
clerk for them), read by the jurisdiction's clerks and code officials."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Status
from ninja.pagination import paginate

from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import AUTH_BODY, responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.schemas.common import Id, Slug
from permitdesk.api.schemas.occupancy import ChangeReportIn, ChangeReportOut
from permitdesk.cases.models import ChangeOfOccupancyReport
from permitdesk.cases.selectors.desks import change_reports
from permitdesk.cases.services.occupants import report_change_of_occupancy
from permitdesk.records import selectors as places

router = Router(tags=["change-of-occupancy reports"], auth=AUTH)


@router.post(
    "/units/{id}/change-of-occupancy-reports",
    response=responses({201: ChangeReportOut}, *AUTH_BODY),
)
def post_change_report(
    request: HttpRequest,
    id: Annotated[Id, Path(description="the unit's id")],
    body: ChangeReportIn,
) -> Status[ChangeOfOccupancyReport]:
    """Report a change of occupancy, where the jurisdiction asks for one (the village:
    within 30 days); a late report is recorded, and says it is late."""
    report = report_change_of_occupancy(
        actor=actor(request),
        unit=places.unit(id),
        changed_on=body.changed_on,
        now=timezone.now(),
    )
    return Status(201, report)


@router.get(
    "/jurisdictions/{slug}/change-of-occupancy-reports",
    response=responses({200: list[ChangeReportOut]}, 401, 403, 404, 422),
)
@paginate(Keyset)
def list_change_reports(
    request: HttpRequest, slug: Annotated[Slug, Path(description="the jurisdiction")]
) -> QuerySet[ChangeOfOccupancyReport]:
    """The reports made in the jurisdiction, newest first (its clerks and code officials)."""
    return change_reports(actor(request), slug)
