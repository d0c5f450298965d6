"""The case file a building division opens all day (GET /api/applications/{id}) in one
statement, and the columns every case read shares (the brief of a case; lists.py pages them).

The fast variant of permitdesk.cases.selectors.case_file.application_detail: the same
document (ApplicationOut), built from rows, not from model instances
(tests/api/test_api_reads.py compares the two), at a fraction of the cost. Each part is a
table (tables.Read, one row a line) checked against its schema at start-up; its lists are
sorted in the selector's orders (LIST_ORDERS). Who may see what is decided by
permitdesk.accounts.permissions, as for every other read.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection
from ninja import Schema

from permitdesk.accounts.permissions import NotFound
from permitdesk.api.auth import Caller, read_as
from permitdesk.api.reads.sql import (
    as_money,
    json_row,
    json_rows,
    record,
    records,
)
from permitdesk.api.reads.tables import Read, columns
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
from permitdesk.cases.actions import actions_of, held_roles
from permitdesk.cases.models import Payment
from permitdesk.cases.permissions import may_see_case
from permitdesk.cases.selectors.case_file import LIST_ORDERS

ZERO = Decimal("0.00")

BRIEF_READ = Read(
    ApplicationBrief,
    columns(
        """
        id            a.id            int
        jurisdiction  j.slug          str
        unit          a.unit_id       int
        address       p.address       str
        unit_label    u.label         str
        fee_item      a.fee_item      str
        trigger       a.trigger       str
        status        a.status        str
        submitted_at  a.submitted_at  moment
        """
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
    + columns(
        """
        jurisdiction_id  a.jurisdiction_id  int
        applicant_id     a.applicant_id     int
        occupied         a.occupied         bool
        processed_at     a.processed_at     moment
        balance          a.balance_due      money
        """
    ),
    extra=frozenset({"jurisdiction_id", "applicant_id"}),
    filled=frozenset(
        {"fees", "paid", "deposits", "deposits_held", "approval", "allowed_actions", *LIST_ORDERS}
        - {"violations"}
    ),
)

# The case file's lists, each one json_rows() column, in the statement's order: each list's
# schema, the source of its rows and its table; each sorted in the selector's order
# (LIST_ORDERS). A violation is read with its inspection's id, to be nested in it.
LIST_TABLES: dict[str, tuple[type[Schema], str, str]] = {
    "fee_lines": (
        FeeLineOut,
        "cases_feeline f WHERE f.application_id = a.id",
        """
        id             f.id             int
        fee_item       f.fee_item       str
        line_id        f.line_id        str
        label          f.label          str
        kind           f.kind           str
        amount         f.amount         money
        basis          f.basis          str
        citation       f.citation       str
        assessed_at    f.assessed_at    moment
        waived_reason  f.waived_reason  str
        """,
    ),
    "payments": (
        PaymentOut,
        "cases_payment m WHERE m.application_id = a.id",
        """
        id              m.id              int
        application     m.application_id  int
        kind            m.kind            str
        method          m.method          str
        amount          m.amount          money
        receipt_number  m.receipt_number  str
        recorded_at     m.recorded_at     moment
        refund_of       m.refund_of_id    int?
        """,
    ),
    "inspections": (
        InspectionOut,
        "cases_inspection i WHERE i.application_id = a.id",
        """
        id            i.id              int
        application   i.application_id  int
        number        i.number          int
        scheduled_on  i.scheduled_on    date
        window        i."window"        str
        inspector     i.inspector_id    int?
        result        i.result          str
        checklist     i.checklist       json
        notes         i.notes           str
        completed_at  i.completed_at    moment?
        """,
    ),
    "violations": (
        ViolationOut,
        (
            "cases_violation v JOIN cases_inspection vi ON vi.id = v.inspection_id "
            "WHERE vi.application_id = a.id"
        ),
        """
        inspection     v.inspection_id  int
        id             v.id             int
        code_citation  v.code_citation  str
        description    v.description    str
        correction     v.correction     str
        """,
    ),
    "occupants": (
        OccupantOut,
        "cases_occupant o WHERE o.application_id = a.id",
        """
        id            o.id            int
        first_name    o.first_name    str
        last_name     o.last_name     str
        age           o.age           int?
        relationship  o.relationship  str
        moves_in_on   o.moves_in_on   date?
        """,
    ),
    "visitors": (
        VisitorOut,
        "cases_visitor s WHERE s.application_id = a.id",
        """
        id          s.id          int
        name        s.name        str
        arrived_on  s.arrived_on  date
        left_on     s.left_on     date?
        """,
    ),
    "permits": (
        PermitOut,
        "cases_permit t WHERE t.application_id = a.id",
        """
        id                  t.id                  int
        application         t.application_id      int
        number              t.number              str
        kind                t.kind                str
        issued_at           t.issued_at           moment
        ends_on             t.ends_on             date?
        correction_due_on   t.correction_due_on   date?
        ended_at            t.ended_at            moment?
        end_reason          t.end_reason          str
        verification_token  t.verification_token  str
        """,
    ),
}
_EXTRA = {"violations": frozenset({"inspection"})}
_FILLED = {"inspections": frozenset({"violations"})}
LISTS = tuple(
    Read(
        schema,
        columns(rows),
        _EXTRA.get(name, frozenset()),
        _FILLED.get(name, frozenset()),
        source,
        LIST_ORDERS[name],
    )
    for name, (schema, source, rows) in LIST_TABLES.items()
)
FEE_LINES, PAYMENTS, INSPECTIONS, VIOLATIONS, OCCUPANTS, VISITORS, PERMITS = LISTS
APPROVAL = Read(
    ApprovalOut,
    columns(
        """
        approved_on    r.approved_on    date
        valid_through  r.valid_through  date?
        """
    ),
    source="cases_approval r WHERE r.application_id = a.id",
)

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
    document = record(BRIEF, brief)
    unit_id = document["unit"]
    if not may_see_case(actor, own["applicant_id"], own["jurisdiction_id"], inspectors, unit_id):
        raise NotFound(f"application {pk} not found")
    for inspection in inspections:
        inspection["violations"] = [
            {k: v for k, v in found.items() if k != "inspection"}
            for found in violations
            if found["inspection"] == inspection["id"]
        ]
    pending = (i["inspector"] for i in inspections if i["result"] == "pending")
    held = held_roles(actor, own["jurisdiction_id"], own["applicant_id"], pending)
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
        allowed_actions=sorted(actions_of(held, document["status"])),
    )
    return document
