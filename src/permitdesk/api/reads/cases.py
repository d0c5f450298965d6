"""The case file a building division opens all day (GET /api/applications/{id}) in one
statement, and the columns every case read shares (the brief of a case; lists.py pages them).

It returns the document its schema describes (ApplicationOut), built from rows, not from model
instances: the same document as the ORM read in permitdesk.api.queries
(tests/api/test_api_reads.py compares them), at a fraction of the cost. Who may see what is
decided by permitdesk.accounts.permissions, as for every other read.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection

from permitdesk.accounts.permissions import NotFound
from permitdesk.api.auth import Caller, read_as
from permitdesk.api.reads.sql import (
    Fields,
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
from permitdesk.cases.actions import actions_of, held_roles
from permitdesk.cases.models import Payment
from permitdesk.cases.permissions import may_see_case

ZERO = Decimal("0.00")

# ApplicationBrief, in its field order: (name, converter) beside the column it reads.
BRIEF: Fields = (
    ("id", as_int),
    ("jurisdiction", as_str),
    ("unit", as_int),
    ("address", as_str),
    ("unit_label", as_str),
    ("fee_item", as_str),
    ("trigger", as_str),
    ("status", as_str),
    ("submitted_at", as_moment),
)
BRIEF_READS = (
    "a.id",
    "j.slug",
    "a.unit_id",
    "p.address",
    "u.label",
    "a.fee_item",
    "a.trigger",
    "a.status",
    "a.submitted_at",
)
BRIEF_COLUMNS = ", ".join(BRIEF_READS)
CASE_JOINS = (
    "FROM cases_application a "
    "JOIN records_jurisdiction j ON j.id = a.jurisdiction_id "
    "JOIN records_unit u ON u.id = a.unit_id "
    "JOIN records_property p ON p.id = u.property_id"
)

FEE_LINE: Fields = (
    ("id", as_int),
    ("fee_item", as_str),
    ("line_id", as_str),
    ("label", as_str),
    ("kind", as_str),
    ("amount", as_money),
    ("basis", as_str),
    ("citation", as_str),
    ("assessed_at", as_moment),
    ("waived_reason", as_str),
)
PAYMENT: Fields = (
    ("id", as_int),
    ("application", as_int),
    ("kind", as_str),
    ("method", as_str),
    ("amount", as_money),
    ("receipt_number", as_str),
    ("recorded_at", as_moment),
    ("refund_of", as_int_or_none),
)
INSPECTION: Fields = (
    ("id", as_int),
    ("application", as_int),
    ("number", as_int),
    ("scheduled_on", as_date),
    ("window", as_str),
    ("inspector", as_int_or_none),
    ("result", as_str),
    ("checklist", as_json),
    ("notes", as_str),
    ("completed_at", as_moment_or_none),
)
VIOLATION: Fields = (
    ("inspection", as_int),  # which inspection it belongs to; not in ViolationOut
    ("id", as_int),
    ("code_citation", as_str),
    ("description", as_str),
    ("correction", as_str),
)
OCCUPANT: Fields = (
    ("id", as_int),
    ("first_name", as_str),
    ("last_name", as_str),
    ("age", as_int_or_none),
    ("relationship", as_str),
)
VISITOR: Fields = (
    ("id", as_int),
    ("name", as_str),
    ("arrived_on", as_date),
    ("left_on", as_date_or_none),
)
PERMIT: Fields = (
    ("id", as_int),
    ("application", as_int),
    ("number", as_str),
    ("kind", as_str),
    ("issued_at", as_moment),
    ("ends_on", as_date_or_none),
    ("correction_due_on", as_date_or_none),
    ("ended_at", as_moment_or_none),
    ("end_reason", as_str),
    ("verification_token", as_str),
)
APPROVAL: Fields = (("approved_on", as_date), ("valid_through", as_date_or_none))


# The case file's lists: (columns, FROM and WHERE), each one json_rows() column.
LISTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "f.id",
            "f.fee_item",
            "f.line_id",
            "f.label",
            "f.kind",
            "f.amount",
            "f.basis",
            "f.citation",
            "f.assessed_at",
            "f.waived_reason",
        ),
        "cases_feeline f WHERE f.application_id = a.id",
    ),
    (
        (
            "m.id",
            "m.application_id",
            "m.kind",
            "m.method",
            "m.amount",
            "m.receipt_number",
            "m.recorded_at",
            "m.refund_of_id",
        ),
        "cases_payment m WHERE m.application_id = a.id",
    ),
    (
        (
            "i.id",
            "i.application_id",
            "i.number",
            "i.scheduled_on",
            'i."window"',
            "i.inspector_id",
            "i.result",
            "i.checklist",
            "i.notes",
            "i.completed_at",
        ),
        "cases_inspection i WHERE i.application_id = a.id",
    ),
    (
        ("v.inspection_id", "v.id", "v.code_citation", "v.description", "v.correction"),
        "cases_violation v JOIN cases_inspection vi ON vi.id = v.inspection_id "
        "WHERE vi.application_id = a.id",
    ),
    (
        ("o.id", "o.first_name", "o.last_name", "o.age", "o.relationship"),
        "cases_occupant o WHERE o.application_id = a.id",
    ),
    (
        ("s.id", "s.name", "s.arrived_on", "s.left_on"),
        "cases_visitor s WHERE s.application_id = a.id",
    ),
    (
        (
            "t.id",
            "t.application_id",
            "t.number",
            "t.kind",
            "t.issued_at",
            "t.ends_on",
            "t.correction_due_on",
            "t.ended_at",
            "t.end_reason",
            "t.verification_token",
        ),
        "cases_permit t WHERE t.application_id = a.id",
    ),
)
# Each list's fields and the order the ORM read gives it (permitdesk.api.queries).
LIST_FIELDS: tuple[tuple[Fields, tuple[str, ...]], ...] = (
    (FEE_LINE, ("id",)),
    (PAYMENT, ("id",)),
    (INSPECTION, ("number",)),
    (VIOLATION, ("id",)),
    (OCCUPANT, ("id",)),
    (VISITOR, ("arrived_on", "id")),
    (PERMIT, ("issued_at", "id")),
)


@cache
def _case_file_statement(vendor: str) -> str:
    """The case and each of its lists as a JSON column: one round trip (built once per
    database kind; json_rows() reads the connection's)."""
    lists = [f"(SELECT {json_rows(*columns)} FROM {source})" for columns, source in LISTS]
    approval = (
        f"(SELECT {json_row('r.approved_on', 'r.valid_through')} "
        "FROM cases_approval r WHERE r.application_id = a.id)"
    )
    return (
        f"SELECT {BRIEF_COLUMNS}, a.jurisdiction_id, a.applicant_id, a.occupied, "
        f"a.processed_at, a.balance_due, {', '.join(lists)}, {approval} "
        f"{CASE_JOINS} WHERE a.id = %s"
    )


def _total(items: list[dict[str, Any]], kind: str) -> str:
    return as_money(sum((Decimal(item["amount"]) for item in items if item["kind"] == kind), ZERO))


def case_file(who: Caller, pk: int) -> dict[str, Any]:
    """ApplicationOut of a case the caller may see; NotFound (404) for any other."""
    actor, rows = read_as(who, _case_file_statement(connection.vendor), [pk])
    if not rows:
        raise NotFound(f"application {pk} not found")
    row = rows[0]
    brief, rest = row[: len(BRIEF)], row[len(BRIEF) :]
    (jurisdiction_id, applicant_id, occupied, processed_at, balance_due, *lists) = rest
    fee_lines, payments, inspections, violations, occupants, visitors, permits, approval = (
        records(fields, column, by)
        for (fields, by), column in zip((*LIST_FIELDS, (APPROVAL, ())), lists, strict=True)
    )
    inspectors = {i["inspector"] for i in inspections if i["inspector"] is not None}
    if not may_see_case(actor, applicant_id, jurisdiction_id, inspectors):
        raise NotFound(f"application {pk} not found")
    for inspection in inspections:
        inspection["violations"] = [
            {k: v for k, v in found.items() if k != "inspection"}
            for found in violations
            if found["inspection"] == inspection["id"]
        ]
    document = record(BRIEF, brief)
    pending = (i["inspector"] for i in inspections if i["result"] == "pending")
    held = held_roles(actor, jurisdiction_id, applicant_id, pending)
    fees = [ln for ln in fee_lines if not ln["waived_reason"]]
    document.update(
        occupied=as_bool(occupied),
        processed_at=as_moment(processed_at),
        fees=_total(fees, "fee"),
        paid=_total(payments, Payment.Kind.FEE),
        balance=as_money(balance_due),
        deposits=_total(fees, "deposit"),
        deposits_held=_total(payments, Payment.Kind.DEPOSIT),
        fee_lines=fee_lines,
        payments=payments,
        inspections=inspections,
        occupants=occupants,
        visitors=visitors,
        permits=permits,
        approval=approval[0] if approval else None,
        allowed_actions=sorted(actions_of(held, document["status"])),
    )
    return document
