"""Applications, their fee lines and payments, occupants; the case detail and the audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, ClassVar, TypeAlias

from ninja import Field, Schema

from permitdesk.api.schemas.common import (
    NO_NUL,
    Age,
    BodyId,
    DateIn,
    Line100,
    Money,
    MoneyIn,
    RequiredLongText,
    Slug,
    Text60,
)
from permitdesk.api.schemas.inspections import ApprovalOut, InspectionOut
from permitdesk.api.schemas.occupancy import VisitorOut
from permitdesk.api.schemas.permits import PermitOut
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.actions import Action
from permitdesk.cases.models import Application, Payment

# Idempotency-Key: what a client generates once per intended request (a UUID, say).
IDEMPOTENCY_KEY = r"^[A-Za-z0-9._:-]{1,100}$"
ZERO = Decimal("0.00")


class ApplicationIn(Schema):
    unit: BodyId
    fee_item: Slug = Field(examples=["residential-occupancy"])
    trigger: Application.Trigger
    occupied: bool = Field(False, description="occupied before the inspection approval")
    channel: Application.Channel = Field(
        Application.Channel.ONLINE,
        description="how the application was made (a clerk entering a counter application: "
        "in-person); a jurisdiction may refuse some (St. Louis County: no telephone)",
    )
    owner_certified: bool | None = Field(
        None,
        description="the owner certifies the application true and accurate (the village's "
        "rental applications, §1.C); omitted: not asked",
    )


class ApplicationBrief(Schema):
    id: int
    jurisdiction: str = Field(validation_alias="jurisdiction.slug")
    unit: int = Field(validation_alias="unit_id")
    address: str = Field(validation_alias="unit.property.address")
    unit_label: str = Field(validation_alias="unit.label")
    fee_item: str
    trigger: str
    status: str
    submitted_at: dt.datetime


class ApplicationPage(Schema):
    items: list[ApplicationBrief]
    next: str | None = Field(description="`after` for the next page; null on the last page")


class QueueItem(ApplicationBrief):
    balance: Money = Field(
        description="fees not waived, less fee payments", validation_alias="balance_due"
    )


class QueuePage(Schema):
    items: list[QueueItem]
    next: str | None = Field(description="`after` for the next page; null on the last page")


class FeeLineOut(Schema):
    id: int
    fee_item: str
    line_id: str
    label: str
    kind: str = Field(description="fee, or deposit (refundable, kept apart from fees)")
    amount: Money
    basis: str
    citation: str
    assessed_at: dt.datetime
    waived_reason: str = Field(description="empty unless a code official waived it")


class PaymentIn(Schema):
    method: Annotated[str, Field(min_length=1, max_length=20, pattern=NO_NUL)] = Field(
        examples=["check"]
    )
    amount: MoneyIn
    kind: Payment.Kind = Field(
        Payment.Kind.FEE, description="fee, or deposit (a refundable deposit, held apart)"
    )


class RefundIn(Schema):
    amount: MoneyIn
    reason: RequiredLongText


class PaymentOut(Schema):
    id: int
    application: int = Field(validation_alias="application_id")
    kind: str = Field(description="fee, or deposit (held apart from the fees)")
    method: str
    amount: Money = Field(description="negative for a refund")
    receipt_number: str
    recorded_at: dt.datetime
    refund_of: int | None = Field(
        validation_alias="refund_of_id", description="the payment a refund returns"
    )


class PendingRefundOut(Schema):
    """A refund of an online payment that the provider reports pending: in the ledger once the
    provider's refund event says it succeeded (docs/payments.md)."""

    id: int
    payment: int = Field(validation_alias="payment_id")
    amount: Money
    status: str = Field(description="pending, succeeded or failed")


class WaiveIn(Schema):
    reason: RequiredLongText


class OccupantIn(Schema):
    first_name: Line100
    last_name: Line100
    age: Age | None = None
    relationship: Text60 = Field("", description="to the head of household")
    moves_in_on: DateIn | None = Field(
        None,
        description="the day they move in, where it is known (Clayton asks for the tenant "
        "names and/or the occupancy date); within a year either side of today",
    )


class OccupantOut(Schema):
    id: int
    first_name: str
    last_name: str
    age: int | None
    relationship: str
    moves_in_on: dt.date | None = Field(description="the day they move in; null: not given")


def _assessed(case: Application, kind: str) -> Decimal:
    lines = case.fee_lines.all()
    return sum((ln.amount for ln in lines if ln.kind == kind and not ln.waived_reason), ZERO)


def _paid(case: Application, kind: str) -> Decimal:
    return sum((p.amount for p in case.payments.all() if p.kind == kind), ZERO)


# A resolver is a static method (django-ninja calls only those); one is callable as it.
_Resolver: TypeAlias = Callable[[Application], Decimal]


def _resolve_total(total: Callable[[Application, str], Decimal], kind: str) -> _Resolver:
    """The resolver of a field: the case's `total` of `kind`."""

    def resolve(obj: Application) -> Decimal:
        return total(obj, kind)

    return staticmethod(resolve)


class ApplicationOut(ApplicationBrief):
    occupied: bool
    processed_at: dt.datetime = Field(description="no inspection before this moment")
    fees: Money = Field(description="fees not waived (deposits are apart)")
    paid: Money = Field(description="fee payments less their refunds")
    balance: Money = Field(
        description="fees less paid; negative is a credit", validation_alias="balance_due"
    )
    deposits: Money = Field(description="refundable deposits assessed, not waived")
    deposits_held: Money = Field(description="deposits paid, less those released")
    fee_lines: list[FeeLineOut]
    payments: list[PaymentOut]
    inspections: list[InspectionOut]
    occupants: list[OccupantOut]
    visitors: list[VisitorOut]
    permits: list[PermitOut]
    approval: ApprovalOut | None
    allowed_actions: list[Action] = Field(
        description="The actions the caller may take on the case now (its roles and the "
        "case's status; cases.actions): what a client offers. The law may still refuse one "
        "(409), e.g. a fee due before the inspection. Set by the case's read "
        "(cases.selectors.case_file.application_detail, api.reads.cases)."
    )

    # From the prefetched ledger (no further query); the balance is the stored one (above).
    resolve_fees: ClassVar[_Resolver] = _resolve_total(_assessed, "fee")
    resolve_paid: ClassVar[_Resolver] = _resolve_total(_paid, Payment.Kind.FEE)
    resolve_deposits: ClassVar[_Resolver] = _resolve_total(_assessed, "deposit")
    resolve_deposits_held: ClassVar[_Resolver] = _resolve_total(_paid, Payment.Kind.DEPOSIT)

    @staticmethod
    def resolve_approval(obj: Application) -> Any:
        return getattr(obj, "approval", None)


class AuditEventOut(Schema):
    id: int
    actor: str | None = Field(description="the username; empty for the system")
    action: str
    object_type: str
    object_id: str
    at: dt.datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str | None:
        return obj.actor.get_username() if obj.actor is not None else None
