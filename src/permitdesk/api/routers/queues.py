"""The clerk's work queues: new, awaiting payment, ready to schedule, inspections today and
overdue, failed awaiting re-inspection, awaiting occupants, ready to issue and approvals about
to lapse, one jurisdiction at a time (its clerks and code officials)."""

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from permitdesk.api.auth import AUTH, AUTH_DEFERRED, caller
from permitdesk.api.errors import responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.reads import lists
from permitdesk.api.reads.sql import json_text_response
from permitdesk.api.schemas.cases import QueuePage
from permitdesk.api.schemas.common import Slug

router = Router(tags=["queues"], auth=AUTH)

Queue = Literal[
    "new",
    "awaiting-payment",
    "ready-to-schedule",
    "inspections-due",
    "awaiting-re-inspection",
    "awaiting-occupants",
    "ready-to-issue",
    "lapsing",
]


@router.get(
    "/jurisdictions/{slug}/queues/{queue}",
    response=responses({200: QueuePage}, 401, 403, 404, 422),
    auth=AUTH_DEFERRED,
)
def list_queue(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="the jurisdiction")],
    queue: Annotated[Queue, Path(description="which queue")],
    page: Query[Keyset.Input],
) -> HttpResponse:
    """Oldest first; the lapsing queue looks 14 days ahead."""
    return json_text_response(
        lists.queue_page(caller(request), slug, queue, page.limit, page.after)
    )
