"""The case lifecycle: which action may follow which status, and what each pack demands first.

One state machine for every jurisdiction; the pack's terms decide the guards (Clayton's
processing time and cut-off, the village's fee before inspection, St. Clair's fees before the
approved report, the occupants a permit must name). A refusal says why and cites the rule.
Pure: the caller passes a snapshot of the case and the time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import first_inspection_day, local

SUBMITTED = "submitted"
INSPECTION_REQUESTED = "inspection-requested"
FAILED = "failed"
APPROVED = "approved"
CONDITIONAL = "conditional"
ISSUED = "issued"
ENDED = "ended"
LAPSED = "lapsed"
WITHDRAWN = "withdrawn"
STATUSES = (
    SUBMITTED,
    INSPECTION_REQUESTED,
    FAILED,
    APPROVED,
    CONDITIONAL,
    ISSUED,
    ENDED,
    LAPSED,
    WITHDRAWN,
)
OPEN = (SUBMITTED, INSPECTION_REQUESTED, FAILED, APPROVED, CONDITIONAL, ISSUED)

# action -> the statuses it may start from; the status it leads to is the service's business.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "record-payment": OPEN,
    "waive-fee": OPEN,
    "request-inspection": (SUBMITTED, FAILED, CONDITIONAL),
    "record-pass": (INSPECTION_REQUESTED,),
    "record-failure": (INSPECTION_REQUESTED,),
    "record-no-access": (INSPECTION_REQUESTED,),
    "add-occupant": (SUBMITTED, INSPECTION_REQUESTED, FAILED, APPROVED, CONDITIONAL, ISSUED),
    "issue-permit": (APPROVED,),
    "issue-conditional-permit": (FAILED,),
    "issue-temporary-permit": (SUBMITTED, INSPECTION_REQUESTED, FAILED),
    "amend-permit": (ISSUED,),
    "end-permit": (ISSUED, CONDITIONAL),
    "lapse-approval": (APPROVED,),
    "withdraw": (SUBMITTED, INSPECTION_REQUESTED, FAILED),
}


class Refused(Exception):
    """An action the lifecycle or the pack does not allow now; the message says why."""

    def __init__(self, reason: str, citation: str | None = None) -> None:
        self.reason, self.citation = reason, citation
        super().__init__(reason + (f" [{citation}]" if citation else ""))


@dataclass(frozen=True)
class CaseSnapshot:
    """What the rules need to know of a case."""

    status: str
    processed_at: dt.datetime
    balance_due: Decimal
    valid_through: dt.date | None = None  # of the approval, if any
    occupants: int = 0
    occupants_missing_details: tuple[str, ...] = ()  # names of occupants lacking age etc.
    max_occupants: int | None = None  # from the bedrooms, where the pack sets a standard


def check_transition(action: str, status: str) -> None:
    allowed = TRANSITIONS.get(action)
    if allowed is None:
        raise ValueError(f"unknown action {action!r}")
    if status not in allowed:
        raise Refused(
            f"cannot {action.replace('-', ' ')} a case that is {status}; "
            f"allowed from: {', '.join(allowed)}"
        )


def _cite(pack: Pack, term: str, on: dt.date) -> str | None:
    """The sentence behind `term`, where the pack has it."""
    return pack.cite(pack.term_version(term, on).citation) if pack.has_term(term) else None


def _term_is(pack: Pack, term: str, on: dt.date, value: object) -> bool:
    return pack.has_term(term) and pack.term(term, on) == value


def check_request_inspection(
    pack: Pack, case: CaseSnapshot, wanted_on: dt.date, now: dt.datetime
) -> None:
    """May an inspection be requested now for `wanted_on`?"""
    check_transition("request-inspection", case.status)
    today = local(pack, now).date()
    if wanted_on < today:
        raise Refused(f"wanted_on {wanted_on.isoformat()} is in the past")
    if _term_is(pack, "fee_due_before", today, "inspection") and case.balance_due > 0:
        raise Refused(
            f"the fee must be paid before the inspection; {case.balance_due} is due",
            _cite(pack, "fee_due_before", today),
        )
    if pack.has_term("inspection_request_cutoff"):
        first = first_inspection_day(pack, now, case.processed_at)
        if wanted_on < first:
            raise Refused(
                f"the first day this request can be placed on is {first.isoformat()} "
                "(processing time, the 4:00 PM cut-off, business days)",
                _cite(pack, "inspection_request_cutoff", today),
            )


def check_record_pass(pack: Pack, case: CaseSnapshot, now: dt.datetime) -> None:
    check_transition("record-pass", case.status)
    today = local(pack, now).date()
    if (
        _term_is(pack, "fees_due_before", today, "approved-inspection-report")
        and case.balance_due > 0
    ):
        raise Refused(
            f"fees must be paid before the approved inspection report; {case.balance_due} is due",
            _cite(pack, "fees_due_before", today),
        )


def check_issue_permit(pack: Pack, case: CaseSnapshot, now: dt.datetime) -> None:
    """May the permit be issued now?"""
    check_transition("issue-permit", case.status)
    today = local(pack, now).date()
    if case.valid_through is not None and today > case.valid_through:
        raise Refused(
            f"the approval ran out on {case.valid_through.isoformat()}; a new application, fee "
            "and inspection are needed",
            _cite(pack, "approval_validity", today),
        )
    if case.occupants == 0:
        raise Refused("the permit names its occupants: add every occupant first")
    if case.occupants_missing_details:
        raise Refused(
            "the permit states each occupant's age and relationship; missing for: "
            + ", ".join(case.occupants_missing_details),
            _cite(pack, "permit_content", today),
        )
    if case.max_occupants is not None and case.occupants > case.max_occupants:
        raise Refused(
            f"{case.occupants} occupants but the bedrooms allow at most {case.max_occupants}",
            _cite(pack, "bedroom_area_per_occupant_sqft", today),
        )
    if case.balance_due > 0:
        raise Refused(f"fees must be paid before the permit is issued; {case.balance_due} is due")


def check_pack_offers(pack: Pack, term: str, what: str) -> None:
    """Conditional and temporary permits exist only where the pack provides for them."""
    if not pack.has_term(term):
        raise Refused(f"{pack.name} does not provide for {what}")
