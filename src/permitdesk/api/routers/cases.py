"""Applications: applying, reading, withdrawing; payments, refunds, fee waivers, occupants
(named, corrected, removed) and visitors."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Header, Path, Query, Router, Status

from permitdesk.api.auth import AUTH, AUTH_DEFERRED, acting, caller
from permitdesk.api.errors import ACTION, AUTH_BODY, AUTH_READ, responses
from permitdesk.api.pagination import Keyset
from permitdesk.api.reads import cases as reads
from permitdesk.api.reads import lists
from permitdesk.api.reads.sql import json_response, json_text_response
from permitdesk.api.routers.params import CaseId
from permitdesk.api.schemas.cases import (
    IDEMPOTENCY_KEY,
    ApplicationIn,
    ApplicationOut,
    ApplicationPage,
    FeeLineOut,
    OccupantIn,
    OccupantOut,
    PaymentIn,
    PaymentOut,
    PendingRefundOut,
    RefundIn,
    WaiveIn,
)
from permitdesk.api.schemas.common import Id
from permitdesk.api.schemas.occupancy import VisitorIn, VisitorOut
from permitdesk.cases.models import Application, FeeLine, Occupant, Payment, Visitor
from permitdesk.cases.selectors import lookups
from permitdesk.cases.selectors.case_file import application_detail
from permitdesk.cases.services.applications import submit_application, withdraw_application
from permitdesk.cases.services.occupants import (
    add_occupant,
    add_visitor,
    change_occupant,
    remove_occupant,
)
from permitdesk.cases.services.payments import record_payment, waive_fee
from permitdesk.payments.models import ProviderRefund
from permitdesk.payments.refunds import refund
from permitdesk.records import selectors as places

router = Router(tags=["applications"], auth=AUTH)

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
    who = acting(request)
    case = submit_application(
        **who,
        unit=places.unit(body.unit),
        idempotency_key=idempotency_key,
        **body.model_dump(
            exclude={"unit"}
        ),  # fee_item, trigger, occupied, channel, owner_certified
    )
    return Status(201, application_detail(who["actor"], case.pk))


@router.get(
    "/applications", response=responses({200: ApplicationPage}, 401, 422), auth=AUTH_DEFERRED
)
def list_applications(request: HttpRequest, page: Query[Keyset.Input]) -> HttpResponse:
    """The cases the caller may see, newest first, a page at a time."""
    return json_text_response(lists.case_list(caller(request), page.limit, page.after))


@router.get(
    "/applications/{id}", response=responses({200: ApplicationOut}, *AUTH_READ), auth=AUTH_DEFERRED
)
def get_application(request: HttpRequest, id: CaseId) -> HttpResponse:
    return json_response(reads.case_file(caller(request), id))


@router.post("/applications/{id}/withdraw", response=responses({200: ApplicationOut}, *ACTION))
def post_withdraw(request: HttpRequest, id: CaseId) -> Application:
    who = acting(request)
    withdraw_application(**who, application=lookups.application(id))
    return application_detail(who["actor"], id)


@router.post("/applications/{id}/payments", response=responses({201: PaymentOut}, *AUTH_BODY))
def post_payment(
    request: HttpRequest, id: CaseId, body: PaymentIn, idempotency_key: IdempotencyKey = None
) -> Status[Payment]:
    payment = record_payment(
        **acting(request),
        application=lookups.application(id),
        idempotency_key=idempotency_key,
        **body.model_dump(),  # method, amount, kind
    )
    return Status(201, payment)


@router.post(
    "/payments/{id}/refunds",
    response=responses({201: PaymentOut, 202: PendingRefundOut}, *AUTH_BODY),
)
def post_refund(
    request: HttpRequest,
    id: Annotated[Id, Path(description="the payment's id")],
    body: RefundIn,
    idempotency_key: IdempotencyKey = None,
) -> Status[Payment] | Status[ProviderRefund]:
    """Refund part or all of a payment: an overpayment, a waived fee already paid, or a
    deposit released. The refund is a negative ledger entry (201). A payment taken online is
    refunded at its provider first, with the Idempotency-Key; a refund the provider reports
    pending is answered 202 and enters the ledger when its refund event says it succeeded."""
    made = refund(
        **acting(request),
        payment=lookups.payment(id),
        idempotency_key=idempotency_key,
        **body.model_dump(),  # amount, reason
    )
    if isinstance(made, ProviderRefund):
        return Status(202, made)
    return Status(201, made)


@router.post("/fee-lines/{id}/waive", response=responses({200: FeeLineOut}, *AUTH_BODY))
def post_waiver(request: HttpRequest, id: Annotated[Id, Path()], body: WaiveIn) -> FeeLine:
    """A code official waives one fee line, saying why."""
    return waive_fee(**acting(request), fee_line=lookups.fee_line(id), reason=body.reason)


@router.post("/applications/{id}/occupants", response=responses({201: OccupantOut}, *AUTH_BODY))
def post_occupant(request: HttpRequest, id: CaseId, body: OccupantIn) -> Status[Occupant]:
    occupant = add_occupant(
        **acting(request),
        application=lookups.application(id),
        **body.model_dump(),  # first_name, last_name, age, relationship, moves_in_on
    )
    return Status(201, occupant)


OccupantId = Annotated[Id, Path(description="the occupant's id (the case's `occupants`)")]


@router.post("/occupants/{id}/change", response=responses({200: OccupantOut}, *AUTH_BODY))
def post_occupant_change(request: HttpRequest, id: OccupantId, body: OccupantIn) -> Occupant:
    """Correct an occupant (every field, as on adding one), until the permit is issued;
    after that the division amends the permit. The history keeps both versions."""
    return change_occupant(**acting(request), occupant=lookups.occupant(id), **body.model_dump())


@router.post("/occupants/{id}/remove", response=responses({200: ApplicationOut}, *ACTION))
def post_occupant_removal(request: HttpRequest, id: OccupantId) -> Application:
    """Take an occupant off the case (named by mistake, not moving in), until the permit is
    issued; the history keeps who they were. Answers the case as it is now."""
    who, occupant = acting(request), lookups.occupant(id)
    remove_occupant(**who, occupant=occupant)
    return application_detail(who["actor"], occupant.application_id)


@router.post("/applications/{id}/visitors", response=responses({201: VisitorOut}, *AUTH_BODY))
def post_visitor(request: HttpRequest, id: CaseId, body: VisitorIn) -> Status[Visitor]:
    """Someone staying with the household for a while."""
    visitor = add_visitor(
        **acting(request),
        application=lookups.application(id),
        **body.model_dump(),  # name, arrived_on
    )
    return Status(201, visitor)
