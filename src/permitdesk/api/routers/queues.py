"""The clerk's work queues: new, awaiting payment, ready to schedule, awaiting occupants, and
approvals about to lapse, one jurisdiction at a time (its clerks and code officials)."""

from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Router
from ninja.pagination import paginate

from permitdesk.api import queries
from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.schemas.cases import ApplicationBrief
from permitdesk.api.schemas.common import Money, Slug
from permitdesk.cases.models import Application

router = Router(tags=["queues"], auth=AUTH)

Queue = Literal["new", "awaiting-payment", "ready-to-schedule", "awaiting-occupants", "lapsing"]


class QueueItem(ApplicationBrief):
    balance: Money = Field(description="fees not waived, less fee payments")

    @staticmethod
    def resolve_balance(obj: Application) -> Decimal:
        return obj.balance_due


@router.get(
    "/jurisdictions/{slug}/queues/{queue}",
    response=responses({200: list[QueueItem]}, 401, 403, 404, 422),
)
@paginate(Keyset)
def list_queue(
    request: HttpRequest,
    slug: Annotated[Slug, Path(description="the jurisdiction")],
    queue: Annotated[Queue, Path(description="which queue")],
) -> QuerySet[Application]:
    """Oldest first; the lapsing queue looks 14 days ahead."""
    return queries.clerk_queue(actor(request), slug, queue)
