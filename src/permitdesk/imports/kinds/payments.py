"""payments: the ledger of the open cases at go-live, known by receipt number (the natural
key). A fee payment brings its case's balance down (the fees the cases kind carried over);
a deposit is held apart, as the services hold it. A payment is never edited: a row whose
values differ from the recorded payment's is refused."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Payment
from permitdesk.imports.kinds import places
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Jurisdiction

BATCH = 1000
# The choices, read once (a TextChoices' .values is built anew at each read).
KINDS = tuple(Payment.Kind.values)
MOST = Decimal("999999.99")
# The row's values a payment keeps, under its own field names.
KEPT = ("receipt_number", "kind", "method", "amount")


def _values(fields: Fields, context: Context, where: Jurisdiction) -> dict[str, Any]:
    pack, today = context.pack(where), context.today(where)
    paid_on = fields.date("paid_on")
    if paid_on is not None and paid_on > today:
        fields.problem(
            "paid_on",
            f"paid_on {paid_on} is after today ({today} in {where.slug}): a payment is "
            "imported once it was made (rule: no date after today)",
        )
    methods = pack.names("payment_methods", today) if pack.has_term("payment_methods") else None
    return {
        "receipt_number": fields.text("receipt_number", required=True, limit=32),
        "case_ref": fields.text("case_ref", required=True, limit=100),
        "amount": fields.amount("amount", least=Decimal("0.01"), most=MOST),
        "method": fields.choice("method", methods)
        if methods
        else fields.text("method", required=True, limit=20),
        "kind": fields.choice("kind", KINDS, default=Payment.Kind.FEE),
        "paid_on": paid_on,
    }


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    cases = places.cases_by_ref(placed)
    recorded = {
        p.receipt_number: p
        for p in Payment.objects.filter(
            receipt_number__in={row["receipt_number"] for row, _ in placed}
        )
    }
    owed = {case.pk: case.balance_due for case in cases.values()}
    for row, where in placed:
        fields = Fields(row)
        values = _values(fields, context, where)
        case = cases.get((where.pk, values["case_ref"]))
        if case is None and values["case_ref"]:
            fields.problem(
                "case_ref",
                f"no case '{values['case_ref']}' was imported in {where.slug}: "
                "import the cases first",
            )
        found = recorded.get(values["receipt_number"])
        if plan.refuses(fields) or case is None:
            continue
        if found is not None:
            plan.unchanged_or_refused(
                row,
                _same(found, case, values),
                "receipt_number",
                f"receipt {values['receipt_number']} is recorded with other values; "
                "a payment is never edited (a refund is its own entry)",
            )
        elif values["kind"] == Payment.Kind.FEE and values["amount"] > owed[case.pk]:
            plan.refuse(
                row,
                "amount",
                f"amount {values['amount']} is more than the {max(owed[case.pk], Decimal(0))} "
                f"case '{values['case_ref']}' still owes in fees",
            )
        else:
            if values["kind"] == Payment.Kind.FEE:
                owed[case.pk] -= values["amount"]
            plan.creates.append((row, where, case, values))
    return plan


def _same(payment: Payment, case: Application, values: dict[str, Any]) -> bool:
    kept = all(getattr(payment, name) == values[name] for name in KEPT)
    return payment.application_id == case.pk and kept


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = Payment.objects.bulk_create(
        [
            Payment(
                application=case,
                recorded_by=context.actor,
                recorded_at=places.at_noon(context.pack(where), v["paid_on"]),
                **{name: v[name] for name in KEPT},
            )
            for _, where, case, v in plan.creates
        ],
        batch_size=BATCH,
    )
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for _, _, case, v in plan.creates:
        if v["kind"] == Payment.Kind.FEE:
            paid[case.pk] += v["amount"]
    cases = Application.objects.select_for_update().in_bulk(set(paid))
    for pk, amount in paid.items():
        cases[pk].balance_due -= amount
    Application.objects.bulk_update(list(cases.values()), ["balance_due"], batch_size=BATCH)
    return [
        context.event(
            row, "import-payment", payment, where, application_id=case.pk, after=_shown(payment, v)
        )
        for (row, where, case, v), payment in zip(plan.creates, made, strict=True)
    ]


def _shown(payment: Payment, values: dict[str, Any]) -> dict[str, Any]:
    """The payment as its audit event shows it."""
    return {
        "receipt_number": payment.receipt_number,
        "case_ref": values["case_ref"],
        "kind": payment.kind,
        "method": payment.method,
        "amount": str(payment.amount),
        "paid_on": values["paid_on"].isoformat(),
    }


KIND = Kind(
    name="payments",
    required=("receipt_number", "case_ref", "amount", "method", "paid_on"),
    optional=("kind",),
    key=("receipt_number",),
    key_rule="a receipt number is given once",
    check=check,
    write=write,
)
