"""The e-mails a case's services queue, one function each: who gets it, what it says, what
document rides with it. Each runs inside the service's transaction (queue() insists).

Keys are stable per event (application, receipt, failed inspection, permit), so a service
retried after a crash, or replayed by its idempotency key, queues nothing new.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases import recipients
from permitdesk.cases.models import Application, Approval, Inspection, Payment, Permit
from permitdesk.cases.payment_methods import method_label, method_words
from permitdesk.cases.recipients import Recipient
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.notices.compose import queue_notice
from permitdesk.rules.answers import penalty
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import approval_window
from permitdesk.rules.quote import quote


def money(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def day(on: dt.date) -> str:
    return f"{on:%B} {on.day}, {on.year}"


def moment(pack: Pack, at: dt.datetime) -> str:
    """A time as the jurisdiction's clock shows it: 'Tuesday, November 17, 2026, 10:00 AM';
    midnight as 'the start of Wednesday, October 14, 2026' ('12:00 AM' is misread)."""
    there = local(pack, at)
    if there.time() == dt.time(0):
        return f"the start of {there:%A}, {day(there.date())}"
    return f"{there:%A}, {day(there.date())}, {there.hour % 12 or 12}:{there:%M %p}"


def _case(pack: Pack, application: Application, to: Recipient) -> dict[str, Any]:
    return {
        "jurisdiction": pack.name,
        "application_id": application.pk,
        "address": str(application.unit),
        "case_url": f"{settings.PUBLIC_URL}/cases/{application.pk}/",
        "recipient": to.name,
    }


def _send(
    kind: str,
    application: Application,
    to: Recipient,
    key: str,
    context: dict[str, Any],
    at: dt.datetime,
    attachment: dict[str, Any] | None = None,
) -> OutboxMessage | None:
    pack = get_pack(application.jurisdiction.slug)
    return queue_notice(
        kind=kind,
        jurisdiction_slug=pack.slug,
        to=to.email,
        key=key,
        context={**_case(pack, application, to), **context},
        at=at,
        attachment=attachment,
        application_id=application.pk,
    )


def _cutoff(pack: Pack, on: dt.date) -> str:
    """Clayton's 4:00 PM: requests before it can be placed on the next business day."""
    if not pack.has_term("inspection_request_cutoff"):
        return ""
    cutoff = dt.time.fromisoformat(pack.text("inspection_request_cutoff", on))
    return f"{cutoff.hour % 12 or 12}:{cutoff:%M %p}"


def application_received(application: Application, *, at: dt.datetime) -> OutboxMessage | None:
    """To the applicant: the fees assessed, and when the case is processed."""
    pack = get_pack(application.jurisdiction.slug)
    lines = list(application.fee_lines.order_by("pk"))
    fees = sum((line.due for line in lines if line.kind == "fee"), Decimal(0))
    context = {
        "fee_lines": [
            {"label": line.label, "amount": money(line.amount), "kind": line.kind} for line in lines
        ],
        "fees_total": money(fees),
        "fees_due": fees > 0,
        "processed_at": moment(pack, application.processed_at),
        "request_cutoff": _cutoff(pack, local(pack, at).date()),
    }
    return _send(
        "application-received",
        application,
        recipients.applicant(application),
        f"application-received-{application.pk}",
        context,
        at,
    )


def _ledger_notice(
    kind: str, entry: Payment, context: dict[str, Any], at: dt.datetime
) -> OutboxMessage | None:
    """To the applicant: an entry of the case's ledger (a payment, a refund), what is still
    due, and `context`; the entry's receipt PDF attached."""
    application = entry.application
    pack = get_pack(application.jurisdiction.slug)
    return _send(
        kind,
        application,
        recipients.applicant(application),
        f"{kind}-{entry.receipt_number}",
        {
            "receipt_number": entry.receipt_number,
            "amount": money(abs(entry.amount)),
            "method": method_label(entry.method),  # a table's value: "Check"
            "method_words": method_words(entry.method),  # in a sentence: "by check"
            "recorded_at": moment(pack, entry.recorded_at),
            "balance_due": money(balance_due(application)),
            **context,
        },
        at,
        attachment={"document": "receipt", "id": entry.pk},
    )


def online_refund(
    application: Application,
    *,
    reference: str,
    amount: Decimal,
    note: str,
    at: dt.datetime,
) -> OutboxMessage | None:
    """To the applicant: an online payment the case could not take, refunded at the provider
    (it never entered the ledger, so it has no receipt)."""
    pack = get_pack(application.jurisdiction.slug)
    return _send(
        "online-refund",
        application,
        recipients.applicant(application),
        f"online-refund-{reference}",
        {
            "reference": reference,
            "amount": money(amount),
            "note": note,
            "refunded_at": moment(pack, at),
        },
        at,
    )


def receipt(payment: Payment, *, at: dt.datetime) -> OutboxMessage | None:
    """To the applicant: the receipt of a payment, and what is still due; its PDF attached."""
    return _ledger_notice("receipt", payment, {}, at)


def refund_notice(refund: Payment, *, reason: str, at: dt.datetime) -> OutboxMessage | None:
    """To the applicant: a refund (a deposit released, an overpayment returned), against which
    receipt, why, and what is still due; its receipt's PDF attached."""
    paid = refund.refund_of
    context = {
        "deposit": refund.kind == Payment.Kind.DEPOSIT,
        "refund_of": paid.receipt_number if paid is not None else "",
        "reason": reason,
    }
    return _ledger_notice("refund", refund, context, at)


def _reinspection(pack: Pack, on: dt.date) -> dict[str, Any]:
    """What the documents say a re-inspection costs or covers, from the pack."""
    facts: dict[str, Any] = {}
    if pack.has_term("reinspection_fee_item"):  # St. Clair: $50 re-inspection / no access
        item = pack.text("reinspection_fee_item", on)
        facts["reinspection_fee"] = money(quote(pack, item, {}, on).total)
    if pack.has_term("inspections_included"):  # St. Louis County, the village: 2
        facts["inspections_included"] = pack.count("inspections_included", on)
    facts["conditional_permits"] = pack.has_term("conditional_permit_conditions")
    return facts


def _penalty(pack: Pack, on: dt.date) -> dict[str, str]:
    """The ordinance's penalty, where it sets one (the village's §1.G), for a violation notice."""
    fine = penalty(pack, on)
    if not fine.words:
        return {}
    return {"penalty": fine.words, "penalty_citation": fine.citation or ""}


def violation_notice(inspection: Inspection, *, at: dt.datetime) -> OutboxMessage | None:
    """To the managing agent (else the applicant): each violation with its code citation and
    correction, how to ask for the re-inspection; the notice's PDF attached at send time."""
    application = inspection.application
    pack = get_pack(application.jurisdiction.slug)
    context = {
        "inspection_number": inspection.number,
        "inspected_on": day(local(pack, at).date()),
        "violations": [
            {"citation": v.code_citation, "description": v.description, "correction": v.correction}
            for v in inspection.violations.order_by("pk")
        ],
        **_reinspection(pack, local(pack, at).date()),
        **_penalty(pack, local(pack, at).date()),
    }
    return _send(
        "violation-notice",
        application,
        recipients.managing_agent_or_applicant(application),
        f"violation-notice-{inspection.pk}",
        context,
        at,
        attachment={"document": "violation-notice", "id": inspection.pk},
    )


def _ends_on_change_of_tenancy(pack: Pack, on: dt.date) -> bool:
    return pack.has_term("permit_ends_on_change_of_tenancy") and bool(
        pack.term("permit_ends_on_change_of_tenancy", on)
    )


def permit_issued(permit: Permit, *, at: dt.datetime) -> OutboxMessage | None:
    """To the managing agent (else the applicant): the permit, its occupants and end, the
    verification address; the permit's PDF attached at send time."""
    application = permit.application
    pack = get_pack(application.jurisdiction.slug)
    on = local(pack, at).date()
    occupants = list(application.occupants.order_by("pk"))
    context = {
        "permit_number": permit.number,
        "permit_kind": permit.kind,
        "issued_on": day(local(pack, permit.issued_at).date()),
        "ends_on": day(permit.ends_on) if permit.ends_on else "",
        "ends_on_change_of_tenancy": _ends_on_change_of_tenancy(pack, on),
        "correction_due_on": day(permit.correction_due_on) if permit.correction_due_on else "",
        "occupants": [
            {
                "name": f"{o.first_name} {o.last_name}",
                "age": o.age,
                "relationship": o.relationship,
            }
            for o in occupants
        ],
        "occupant_details": pack.has_term("permit_content"),
        "verify_url": f"{settings.PUBLIC_URL}/verify/{permit.verification_token}/",
        "evidence": permit.evidence.replace("-", " "),
    }
    return _send(
        "permit-issued",
        application,
        recipients.managing_agent_or_applicant(application),
        f"permit-issued-{permit.number}",
        context,
        at,
        attachment={"document": "permit", "id": permit.pk},
    )


# How an inspection request's part of the day reads in an e-mail (Clayton: "indicate a
# preference for AM or PM").
WINDOWS = {"am": "morning (AM)", "pm": "afternoon (PM)", "any": "any time of day (AM or PM)"}


def _visit(inspection: Inspection) -> dict[str, Any]:
    return {
        "inspection_number": inspection.number,
        "reinspection": inspection.number > 1,
        "wanted_on": day(inspection.scheduled_on),
        "window": WINDOWS.get(inspection.window, inspection.window),
    }


def inspection_requested(inspection: Inspection, *, at: dt.datetime) -> OutboxMessage | None:
    """To the applicant: the request is received, for which day and part of it; what happens
    before the visit (fees, the processing time, an inspector assigned) said as it stands. A
    re-inspection is "booked", with what it costs where the pack charges for one."""
    application = inspection.application
    pack = get_pack(application.jurisdiction.slug)
    on = local(pack, at).date()
    context = {
        **_visit(inspection),
        "balance_due": money(balance_due(application)),
        "owes": balance_due(application) > 0,
        "processed_at": moment(pack, application.processed_at),
        "processing": application.processed_at > at,
        **(_reinspection(pack, on) if inspection.number > 1 else {}),
    }
    kind = "reinspection-booked" if inspection.number > 1 else "inspection-requested"
    return _send(
        kind,
        application,
        recipients.applicant(application),
        f"{kind}-{inspection.request_id}",
        context,
        at,
    )


def inspector_assigned(inspection: Inspection, *, at: dt.datetime) -> OutboxMessage | None:
    """To the applicant: an inspector is assigned to the visit (one message per inspector: a
    change of inspector is told too)."""
    application = inspection.application
    inspector = inspection.inspector
    assert inspector is not None
    context = {
        **_visit(inspection),
        "inspector": inspector.get_full_name() or inspector.get_username(),
    }
    return _send(
        "inspector-assigned",
        application,
        recipients.applicant(application),
        f"inspector-assigned-{inspection.pk}-{inspector.pk}",
        context,
        at,
    )


def inspection_passed(approval: Approval, *, at: dt.datetime) -> OutboxMessage | None:
    """To the managing agent (else the applicant): the unit is approved, and by when the
    occupants must be named (the pack's approval window, cited), else a new application."""
    application = approval.application
    pack = get_pack(application.jurisdiction.slug)
    on = local(pack, at).date()
    window = approval_window(pack)
    program = pack.item(application.fee_item).case
    context = {
        "approved_on": day(approval.approved_on),
        "name_by": day(approval.valid_through) if approval.valid_through else "",
        "name_by_citation": (
            pack.cite(pack.term_version(window, on).citation) if window is not None else ""
        ),
        "names_occupants": program is None or program.names_occupants,
        "occupants_url": f"{settings.PUBLIC_URL}/cases/{application.pk}/occupants/",
    }
    return _send(
        "inspection-passed",
        application,
        recipients.managing_agent_or_applicant(application),
        f"inspection-passed-{approval.pk}",
        context,
        at,
    )


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _no_change_fee(pack: Pack, at: dt.datetime) -> bool:
    """The pack's `inspection_change_fee` is "none" (every pack's, as the documents are silent)."""
    on = local(pack, at).date()
    return not pack.has_term("inspection_change_fee") or (
        pack.text("inspection_change_fee", on) == "none"
    )


def inspection_changed(
    inspection: Inspection,
    before: dict[str, Any],
    inspector: User | None,
    *,
    actor: User,
    at: dt.datetime,
    cancelled: bool = False,
) -> list[OutboxMessage | None]:
    """To the applicant, and to the inspector who was assigned to the visit: the inspection
    moved to another day (the division assigns one again), or called off."""
    application = inspection.application
    kind = "inspection-cancelled" if cancelled else "inspection-rescheduled"
    was = dt.date.fromisoformat(str(before["scheduled_on"]))
    context = {
        **_visit(inspection),
        "was_on": day(was),
        "was_window": WINDOWS.get(str(before["window"]), str(before["window"])),
        "changed_by": _person(actor),
        "had_inspector": inspector is not None,
        "no_change_fee": _no_change_fee(get_pack(application.jurisdiction.slug), at),
    }
    stamp = f"{inspection.request_id}-{int(at.timestamp())}"
    to = [recipients.applicant(application)]
    if inspector is not None and inspector.email:
        to.append(Recipient(email=inspector.email, name=_person(inspector)))
    return [
        _send(kind, application, person, f"{kind}-{stamp}-{n}", context, at)
        for n, person in enumerate(to)
    ]
