"""Applications: applying, reading, withdrawing; payments, fee waivers and occupants."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Path, Router, Status
from ninja.pagination import paginate

from permitdesk.api import queries
from permitdesk.api.auth import AUTH, actor
from permitdesk.api.errors import ACTION, AUTH_BODY, AUTH_READ, responses
from permitdesk.api.pagination import Page
from permitdesk.api.schemas.cases import (
    IDEMPOTENCY_KEY,
    ApplicationBrief,
    ApplicationIn,
    ApplicationOut,
    FeeLineOut,
    OccupantIn,
    OccupantOut,
    PaymentIn,
    PaymentOut,
    WaiveIn,
)
from permitdesk.api.schemas.common import Id
from permitdesk.cases.models import Application, FeeLine, Occupant, Payment
from permitdesk.cases.services.applications import submit_application, withdraw_application
from permitdesk.cases.services.occupants import add_occupant
from permitdesk.cases.services.payments import record_payment, waive_fee

router = Router(tags=["applications"], auth=AUTH)

CaseId = Annotated[Id, Path(description="the application's id")]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=IDEMPOTENCY_KEY,
        description="the same key again returns the first result and records nothing more",
    ),
]


@router.post("/applications", response=responses({201: ApplicationOut}, *AUTH_BODY))
def post_application(
    request: HttpRequest, body: ApplicationIn, idempotency_key: IdempotencyKey = None
) -> Status[Application]:
    """Apply for the unit; the fees are assessed from the jurisdiction's pack."""
    user = actor(request)
    case = submit_application(
        actor=user,
        unit=queries.unit(body.unit),
        fee_item=body.fee_item,
        trigger=body.trigger,
        occupied=body.occupied,
        now=timezone.now(),
        idempotency_key=idempotency_key,
    )
    return Status(201, queries.application_detail(user, case.pk))


@router.get("/applications", response=responses({200: list[ApplicationBrief]}, 401, 422))
@paginate(Page)
def list_applications(request: HttpRequest) -> QuerySet[Application]:
    """The cases the caller may see, newest first."""
    return queries.application_list(actor(request))


@router.get("/applications/{id}", response=responses({200: ApplicationOut}, *AUTH_READ))
def get_application(request: HttpRequest, id: CaseId) -> Application:
    return queries.application_detail(actor(request), id)


@router.post("/applications/{id}/withdraw", response=responses({200: ApplicationOut}, *ACTION))
def post_withdraw(request: HttpRequest, id: CaseId) -> Application:
    user = actor(request)
    withdraw_application(actor=user, application=queries.application(id), now=timezone.now())
    return queries.application_detail(user, id)


@router.post("/applications/{id}/payments", response=responses({201: PaymentOut}, *AUTH_BODY))
def post_payment(
    request: HttpRequest, id: CaseId, body: PaymentIn, idempotency_key: IdempotencyKey = None
) -> Status[Payment]:
    payment = record_payment(
        actor=actor(request),
        application=queries.application(id),
        method=body.method,
        amount=body.amount,
        now=timezone.now(),
        idempotency_key=idempotency_key,
    )
    return Status(201, payment)


@router.post("/fee-lines/{id}/waive", response=responses({200: FeeLineOut}, *AUTH_BODY))
def post_waiver(request: HttpRequest, id: Annotated[Id, Path()], body: WaiveIn) -> FeeLine:
    """A code official waives one fee line, saying why."""
    line = queries.fee_line(id)
    return waive_fee(actor=actor(request), fee_line=line, reason=body.reason, now=timezone.now())


@router.post("/applications/{id}/occupants", response=responses({201: OccupantOut}, *AUTH_BODY))
def post_occupant(request: HttpRequest, id: CaseId, body: OccupantIn) -> Status[Occupant]:
    occupant = add_occupant(
        actor=actor(request),
        application=queries.application(id),
        first_name=body.first_name,
        last_name=body.last_name,
        age=body.age,
        relationship=body.relationship,
        now=timezone.now(),
    )
    return Status(201, occupant)
