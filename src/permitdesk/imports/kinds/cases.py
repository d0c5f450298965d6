"""cases: the applications still open at go-live, known by the source system's reference
(case_ref, the natural key). An imported case is `submitted`: the clerk carries it on through
the services from there. The fees it was assessed become one fee line, its balance;
its payments (the payments kind) bring the balance down.

A case imported once changes through its services, not by a second import: a row whose
values differ from the case's is refused (unchanged rows are reported unchanged)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, FeeLine
from permitdesk.imports.kinds import places
from permitdesk.imports.pipeline import Context, Kind, Plan
from permitdesk.imports.rows import Fields, Row
from permitdesk.records.models import Jurisdiction

BATCH = 1000
# The choices, read once (a TextChoices' .values is built anew at each read).
TRIGGERS = tuple(Application.Trigger.values)
CHANNELS = tuple(Application.Channel.values)
MOST = Decimal("999999.99")
# Only a submitted case is imported: the later statuses carry inspections, violations and
# approvals this kind does not import; a clerk takes the case on from the queue.
OPEN_STATUSES = (Application.Status.SUBMITTED,)


def _values(
    fields: Fields, context: Context, where: Jurisdiction, known: dict[str, Any]
) -> dict[str, Any]:
    pack = context.pack(where)
    submitted_on = fields.date("submitted_on")
    today = context.today(where)
    if submitted_on is not None and submitted_on > today:
        fields.problem(
            "submitted_on",
            f"submitted_on {submitted_on} is after today ({today} in {where.slug}): a case "
            "is imported once it has been filed (rule: no date after today)",
        )
    fields.text("case_ref", required=True, limit=100)
    return {
        "unit": places.unit_of(fields, where, known["units"]),
        "applicant": places.applicant_of(fields, context, known["applicants"]),
        "fee_item": places.fee_item_of(fields, pack),
        "trigger": fields.choice("trigger", TRIGGERS),
        "status": fields.choice("status", OPEN_STATUSES, default=OPEN_STATUSES[0]),
        "channel": fields.choice("channel", CHANNELS, default="in-person"),
        "submitted_on": submitted_on,
        "fees_assessed": fields.amount(
            "fees_assessed", least=Decimal(0), most=MOST, required=False
        ),
    }


def _same(case: Application, values: dict[str, Any], context: Context, where: Jurisdiction) -> bool:
    return (
        case.unit_id == values["unit"]
        and case.trigger == values["trigger"]
        and case.fee_item == values["fee_item"]
        and case.submitted_at == places.at_noon(context.pack(where), values["submitted_on"])
    )


def check(context: Context, placed: list[tuple[Row, Jurisdiction]]) -> Plan:
    plan = Plan()
    known: dict[str, Any] = {
        "units": places.units(placed),
        "applicants": places.applicants(placed),
    }
    cases = places.cases_by_ref(placed)
    for row, where in placed:
        fields = Fields(row)
        values = _values(fields, context, where, known)
        if plan.refuses(fields):
            continue
        found = cases.get((where.pk, row["case_ref"]))
        if found is None:
            plan.creates.append((row, where, values))
        else:
            plan.unchanged_or_refused(
                row,
                _same(found, values, context, where),
                "case_ref",
                f"case '{row['case_ref']}' was imported before with other values; an imported "
                "case changes through its services (the staff pages), not by a second import",
            )
    return plan


def write(context: Context, plan: Plan) -> list[AuditEvent]:
    made = [
        places.new_case(
            where,
            v,
            v["submitted_on"],
            status=v["status"],
            channel=v["channel"],
            balance_due=v["fees_assessed"],
        )
        for _, where, v in plan.creates
    ]
    Application.objects.bulk_create(made, batch_size=BATCH)
    FeeLine.objects.bulk_create(
        [
            FeeLine(
                application=case,
                fee_item=v["fee_item"],
                line_id="carried-over",
                label="Fees assessed in the former system, carried over at go-live",
                kind="fee",
                amount=v["fees_assessed"],
                basis=f"imported from {context.source}, line {row.line}",
                citation="the former system's ledger",
                assessed_at=context.now,
            )
            for (row, _, v), case in zip(plan.creates, made, strict=True)
            if v["fees_assessed"] > 0
        ],
        batch_size=BATCH,
    )
    places.keep_source_keys("case", "case_ref", plan.creates, made)
    return [
        context.event(
            row,
            "import-case",
            case,
            where,
            application_id=case.pk,
            after={
                "case_ref": row["case_ref"],
                "unit": case.unit_id,
                "trigger": case.trigger,
                "status": case.status,
                "submitted_on": v["submitted_on"].isoformat(),
                "fees_assessed": str(v["fees_assessed"]),
            },
        )
        for (row, where, v), case in zip(plan.creates, made, strict=True)
    ]


KIND = Kind(
    name="cases",
    required=("case_ref", "parcel_id", "trigger", "submitted_on"),
    optional=("unit_label", "status", "fee_item", "channel", "fees_assessed", "applicant_email"),
    key=("case_ref",),
    key_rule="a case is imported once per reference",
    check=check,
    write=write,
)
