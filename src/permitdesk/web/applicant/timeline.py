"""A case's timeline for its applicant: what happened (its audit events, in plain words) and
what comes next and by when (the deadlines the rules set running, with their citations)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Inspection
from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import local
from permitdesk.rules.deadlines import Deadline, deadlines
from permitdesk.web.words import end_reason

WINDOWS = {"am": "morning (AM)", "pm": "afternoon (PM)", "any": "any time of day"}

# The events said in set words, with the event's own values by name (a missing one blank).
WORDS = {
    "waive-fee": "A fee was waived by the code official.",
    "cancel-inspection": "Inspection request cancelled.",
    "assign-inspector": "An inspector was assigned: the visit is confirmed.",
    "record-passed": "The inspection passed: the unit is approved.",
    "record-no-access": "The inspector could not get in (no access).",
    "add-occupant": "Occupant {name} added.",
    "change-occupant": "Occupant {name} changed.",
    "add-visitor": "Visitor {name} recorded.",
    "issue-permit": "Permit {permit} issued.",
    "issue-conditional-permit": "Conditional permit {permit} issued.",
    "issue-temporary-permit": "Temporary permit {permit} issued.",
    "amend-permit": "The permit was amended: permit {permit}.",
    "lapse-approval": "The approval ran out before the occupants were named.",
    "withdraw": "Application withdrawn.",
}

# What the applicant does next, by the case's status.
NEXT: dict[str, str] = {
    Application.Status.SUBMITTED: "Request the inspection.",
    # Not a promise of the day: it is confirmed when an inspector is assigned (next_step).
    Application.Status.INSPECTION_REQUESTED: "The division assigns an inspector to the day "
    "requested and e-mails you; the day is confirmed then.",
    Application.Status.FAILED: "Correct the violations below, then request the re-inspection.",
    Application.Status.APPROVED: "Name every occupant; the permit is issued once all are named "
    "and the fees are paid.",
    Application.Status.CONDITIONAL: "Complete the repairs by the date on the conditional "
    "permit, then request the re-inspection.",
    Application.Status.ISSUED: "The permit is issued: download it.",
    Application.Status.ENDED: "The permit has ended; a new occupancy needs a new application.",
    Application.Status.LAPSED: "The approval ran out; a new application is needed.",
    Application.Status.WITHDRAWN: "The application was withdrawn.",
}


def next_step(case: Application, pending: Inspection | None, now: dt.datetime) -> str:
    """What the applicant waits for, as it stands: the processing time still running, no
    inspector yet, or the visit confirmed by an inspector's assignment."""
    if case.status != Application.Status.INSPECTION_REQUESTED or pending is None:
        return NEXT.get(case.status, "")
    words = [] if case.processed_at <= now else ["The application is still being processed."]
    if pending.inspector_id is None:
        words.append(NEXT[case.status])
    else:
        words.append("An inspector is assigned: the visit is confirmed for the day below.")
    return " ".join(words)


@dataclass(frozen=True)
class Happened:
    at: dt.datetime
    text: str


def _money(value: Any) -> str:
    try:
        return f"${Decimal(str(value)):,.2f}"
    except ArithmeticError:
        return str(value)


def _day(value: Any) -> str:
    try:
        return f"{dt.date.fromisoformat(str(value)):%A, %B %-d, %Y}"
    except ValueError:
        return str(value)


def describe(event: AuditEvent) -> str:
    """One audit event of a case in the applicant's words."""
    after: dict[str, Any] = event.after or {}
    action = event.action
    if action in WORDS:
        return WORDS[action].format_map(defaultdict(str, after))
    if action == "submit":
        if after.get("approval_carried_from"):
            return "Application submitted; the unit's approval still in force carries over."
        return f"Application submitted; fees assessed: {_money(after.get('total', 0))}."
    if action == "record-payment":
        what = "Deposit" if after.get("kind") == "deposit" else "Payment"
        return f"{what} of {_money(after.get('amount'))} by {after.get('method')} received."
    if action == "refund-payment":
        return f"Refund of {_money(after.get('amount', ''))} recorded."
    if action == "request-inspection":
        number = after.get("number", 1)
        kind = "Inspection" if number == 1 else f"Re-inspection (visit {number})"
        window = WINDOWS.get(str(after.get("window")), "")
        return f"{kind} requested for {_day(after.get('scheduled_on'))}, {window}."
    if action == "reschedule-inspection":
        window = WINDOWS.get(str(after.get("window")), "")
        return f"Inspection moved to {_day(after.get('scheduled_on'))}, {window}."
    if action == "record-failed":
        count = after.get("violations", 0)
        return f"The inspection failed with {count} violation{'s' if count != 1 else ''}."
    if action == "remove-occupant":
        return f"Occupant {(event.before or {}).get('name', '')} removed."
    if action == "end-permit":
        return f"The permit ended ({end_reason(str(after.get('reason', '')))})."
    if action == "send-message":
        who = "The building division" if after.get("from_staff") else "You"
        return f"{who} wrote a message."
    return action.replace("-", " ").capitalize() + "."


def happened(pack: Pack, events: list[AuditEvent]) -> list[Happened]:
    return [Happened(local(pack, event.at), describe(event)) for event in events]


@dataclass(frozen=True)
class Due:
    label: str
    when: str  # the due day (and time, where the rule sets one), in the jurisdiction's zone
    status: str
    rule: str
    citation: str


def _when(due: dt.date | dt.datetime) -> str:
    if isinstance(due, dt.datetime):
        return f"{due:%A, %B %-d, %Y %-I:%M %p}"
    return f"{due:%A, %B %-d, %Y}"


def case_deadlines(pack: Pack, case: Application, now: dt.datetime) -> list[Due]:
    """The deadlines running for the case's status (the rules' deadlines()), in words."""
    return [
        Due(d.label, _when(d.due), d.status, d.rule, d.citation) for d in _running(pack, case, now)
    ]


def _running(pack: Pack, case: Application, now: dt.datetime) -> tuple[Deadline, ...]:
    facts: dict[str, object] = {}
    approval = getattr(case, "approval", None)
    if case.status == Application.Status.SUBMITTED and not case.inspections.all():
        facts["submitted_at"] = case.submitted_at
        facts["requested_at"] = now  # the first day the request form offers, if asked now
    if case.status == Application.Status.APPROVED and approval is not None:
        facts["approved_on"] = approval.approved_on
    if case.status == Application.Status.ISSUED:
        issued = [p for p in case.permits.all() if p.ended_at is None]
        if issued:
            facts["permit_issued_on"] = local(pack, issued[-1].issued_at).date()
    return deadlines(pack, facts, now)
