"""The case file a building division opens all day (GET /api/applications/{id}) in one
statement, and the columns every case read shares (the brief of a case; lists.py pages them).

The fast variant of permitdesk.cases.selectors.case_file.application_detail: the same
document (ApplicationOut), built from rows, not from model instances
(tests/api/test_api_reads.py compares the two), at a fraction of the cost. Each part is a
table (tables.Read) checked against its schema at start-up; its lists are sorted in the
selector's orders (LIST_ORDERS). Who may see what is decided by
permitdesk.accounts.permissions, as for every other read.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection

from permitdesk.accounts.permissions import NotFound, may_see_case
from permitdesk.api.auth import Caller, read_as
from permitdesk.api.reads.sql import (
    as_bool,
    as_date,
    as_date_or_none,
    as_int,
    as_int_or_none,
    as_json,
    as_moment,
    as_moment_or_none,
    as_money,
    as_str,
    json_row,
    json_rows,
    record,
    records,
)
from permitdesk.api.reads.tables import Read, table
from permitdesk.api.schemas.cases import (
    ApplicationBrief,
    ApplicationOut,
    FeeLineOut,
    OccupantOut,
    PaymentOut,
)
from permitdesk.api.schemas.inspections import ApprovalOut, InspectionOut, ViolationOut
from permitdesk.api.schemas.occupancy import VisitorOut
from permitdesk.api.schemas.permits import PermitOut
from permitdesk.cases.models import Payment
from permitdesk.cases.selectors.case_file import LIST_ORDERS

ZERO = Decimal("0.00")

BRIEF_READ = Read(
    ApplicationBrief,
    table(
        ("id", "a.id", as_int),
        ("jurisdiction", "j.slug", as_str),
        ("unit", "a.unit_id", as_int),
        ("address", "p.address", as_str),
        ("unit_label", "u.label", as_str),
        ("fee_item", "a.fee_item", as_str),
        ("trigger", "a.trigger", as_str),
        ("status", "a.status", as_str),
        ("submitted_at", "a.submitted_at", as_moment),
    ),
)
BRIEF = BRIEF_READ.fields
BRIEF_READS = BRIEF_READ.reads
CASE_JOINS = (
    "FROM cases_application a "
    "JOIN records_jurisdiction j ON j.id = a.jurisdiction_id "
    "JOIN records_unit u ON u.id = a.unit_id "
    "JOIN records_property p ON p.id = u.property_id"
)
# The case file's own columns after the brief; the applicant and the jurisdiction are read
# for deciding who may see it, not shown.
CASE_FILE = Read(
    ApplicationOut,
    BRIEF_READ.columns
    + table(
        ("jurisdiction_id", "a.jurisdiction_id", as_int),
        ("applicant_id", "a.applicant_id", as_int),
        ("occupied", "a.occupied", as_bool),
        ("processed_at", "a.processed_at", as_moment),
        ("balance", "a.balance_due", as_money),
    ),
    extra=frozenset({"jurisdiction_id", "applicant_id"}),
    filled=frozenset(
        {"fees", "paid", "deposits", "deposits_held", "approval", *LIST_ORDERS} - {"violations"}
    ),
)

FEE_LINES = Read(
    FeeLineOut,
    table(
        ("id", "f.id", as_int),
        ("fee_item", "f.fee_item", as_str),
        ("line_id", "f.line_id", as_str),
        ("label", "f.label", as_str),
        ("kind", "f.kind", as_str),
        ("amount", "f.amount", as_money),
        ("basis", "f.basis", as_str),
        ("citation", "f.citation", as_str),
        ("assessed_at", "f.assessed_at", as_moment),
        ("waived_reason", "f.waived_reason", as_str),
    ),
    source="cases_feeline f WHERE f.application_id = a.id",
    order=LIST_ORDERS["fee_lines"],
)
PAYMENTS = Read(
    PaymentOut,
    table(
        ("id", "m.id", as_int),
        ("application", "m.application_id", as_int),
        ("kind", "m.kind", as_str),
        ("method", "m.method", as_str),
        ("amount", "m.amount", as_money),
        ("receipt_number", "m.receipt_number", as_str),
        ("recorded_at", "m.recorded_at", as_moment),
        ("refund_of", "m.refund_of_id", as_int_or_none),
    ),
    source="cases_payment m WHERE m.application_id = a.id",
    order=LIST_ORDERS["payments"],
)
INSPECTIONS = Read(
    InspectionOut,
    table(
        ("id", "i.id", as_int),
        ("application", "i.application_id", as_int),
        ("number", "i.number", as_int),
        ("scheduled_on", "i.scheduled_on", as_date),
        ("window", 'i."window"', as_str),
        ("inspector", "i.inspector_id", as_int_or_none),
        ("result", "i.result", as_str),
        ("checklist", "i.checklist", as_json),
        ("notes", "i.notes", as_str),
        ("completed_at", "i.completed_at", as_moment_or_none),
    ),
    filled=frozenset({"violations"}),
    source="cases_inspection i WHERE i.application_id = a.id",
    order=LIST_ORDERS["inspections"],
)
VIOLATIONS = Read(
    ViolationOut,
    table(
        ("inspection", "v.inspection_id", as_int),  # which inspection it belongs to
        ("id", "v.id", as_int),
        ("code_citation", "v.code_citation", as_str),
        ("description", "v.description", as_str),
        ("correction", "v.correction", as_str),
    ),
    extra=frozenset({"inspection"}),
    source="cases_violation v JOIN cases_inspection vi ON vi.id = v.inspection_id "
    "WHERE vi.application_id = a.id",
    order=LIST_ORDERS["violations"],
)
OCCUPANTS = Read(
    OccupantOut,
    table(
        ("id", "o.id", as_int),
        ("first_name", "o.first_name", as_str),
        ("last_name", "o.last_name", as_str),
        ("age", "o.age", as_int_or_none),
        ("relationship", "o.relationship", as_str),
    ),
    source="cases_occupant o WHERE o.application_id = a.id",
    order=LIST_ORDERS["occupants"],
)
VISITORS = Read(
    VisitorOut,
    table(
        ("id", "s.id", as_int),
        ("name", "s.name", as_str),
        ("arrived_on", "s.arrived_on", as_date),
        ("left_on", "s.left_on", as_date_or_none),
    ),
    source="cases_visitor s WHERE s.application_id = a.id",
    order=LIST_ORDERS["visitors"],
)
PERMITS = Read(
    PermitOut,
    table(
        ("id", "t.id", as_int),
        ("application", "t.application_id", as_int),
        ("number", "t.number", as_str),
        ("kind", "t.kind", as_str),
        ("issued_at", "t.issued_at", as_moment),
        ("ends_on", "t.ends_on", as_date_or_none),
        ("correction_due_on", "t.correction_due_on", as_date_or_none),
        ("ended_at", "t.ended_at", as_moment_or_none),
        ("end_reason", "t.end_reason", as_str),
        ("verification_token", "t.verification_token", as_str),
    ),
    source="cases_permit t WHERE t.application_id = a.id",
    order=LIST_ORDERS["permits"],
)
APPROVAL = Read(
    ApprovalOut,
    table(
        ("approved_on", "r.approved_on", as_date),
        ("valid_through", "r.valid_through", as_date_or_none),
    ),
    source="cases_approval r WHERE r.application_id = a.id",
)

# The case file's lists, each one json_rows() column, in the statement's order.
LISTS = (FEE_LINES, PAYMENTS, INSPECTIONS, VIOLATIONS, OCCUPANTS, VISITORS, PERMITS)
READS = (BRIEF_READ, CASE_FILE, *LISTS, APPROVAL)


@cache
def _case_file_statement(vendor: str) -> str:
    """The case and each of its lists as a JSON column: one round trip (built once per
    database kind; json_rows() reads the connection's)."""
    lists = [f"(SELECT {json_rows(*read.reads)} FROM {read.source})" for read in LISTS]
    approval = f"(SELECT {json_row(*APPROVAL.reads)} FROM {APPROVAL.source})"
    return (
        f"SELECT {', '.join(CASE_FILE.reads)}, {', '.join(lists)}, {approval} "
        f"{CASE_JOINS} WHERE a.id = %s"
    )


def _total(items: list[dict[str, Any]], kind: str) -> str:
    return as_money(sum((Decimal(item["amount"]) for item in items if item["kind"] == kind), ZERO))


_OWN = CASE_FILE.fields[len(BRIEF) :]


def case_file(who: Caller, pk: int) -> dict[str, Any]:
    """ApplicationOut of a case the caller may see; NotFound (404) for any other."""
    actor, rows = read_as(who, _case_file_statement(connection.vendor), [pk])
    if not rows:
        raise NotFound(f"application {pk} not found")
    row = rows[0]
    brief, own = row[: len(BRIEF)], record(_OWN, row[len(BRIEF) : len(CASE_FILE.columns)])
    lists = row[len(CASE_FILE.columns) :]
    fee_lines, payments, inspections, violations, occupants, visitors, permits, approval = (
        records(read.fields, column, read.order)
        for read, column in zip((*LISTS, APPROVAL), lists, strict=True)
    )
    inspectors = {i["inspector"] for i in inspections if i["inspector"] is not None}
    if not may_see_case(actor, own["applicant_id"], own["jurisdiction_id"], inspectors):
        raise NotFound(f"application {pk} not found")
    for inspection in inspections:
        inspection["violations"] = [
            {k: v for k, v in found.items() if k != "inspection"}
            for found in violations
            if found["inspection"] == inspection["id"]
        ]
    document = record(BRIEF, brief)
    fees = [ln for ln in fee_lines if not ln["waived_reason"]]
    document.update(
        occupied=own["occupied"],
        processed_at=own["processed_at"],
        fees=_total(fees, "fee"),
        paid=_total(payments, Payment.Kind.FEE),
        balance=own["balance"],
        deposits=_total(fees, "deposit"),
        deposits_held=_total(payments, Payment.Kind.DEPOSIT),
        fee_lines=fee_lines,
        payments=payments,
        inspections=inspections,
        occupants=occupants,
        visitors=visitors,
        permits=permits,
        approval=approval[0] if approval else None,
    )
    return document
