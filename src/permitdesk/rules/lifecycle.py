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
from permitdesk.rules.calendar import (
    earliest_inspection_day,
    holiday_name,
    is_business_day,
    local,
)

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
    "record-result": (INSPECTION_REQUESTED,),  # any of the three, before it is known which
    "add-occupant": (SUBMITTED, INSPECTION_REQUESTED, FAILED, APPROVED, CONDITIONAL, ISSUED),
    # An occupant named is changed or removed until the permit that lists them is issued;
    # after that the household changes by amending the permit (the division's act).
    "change-occupant": (SUBMITTED, INSPECTION_REQUESTED, FAILED, APPROVED),
    # An inspection request is moved or called off while it is pending.
    "change-inspection-request": (INSPECTION_REQUESTED,),
    "issue-permit": (APPROVED,),
    "issue-conditional-permit": (FAILED,),
    "issue-temporary-permit": (SUBMITTED, INSPECTION_REQUESTED, FAILED),
    "amend-permit": (ISSUED,),
    "end-permit": (ISSUED, CONDITIONAL),
    "lapse-approval": (APPROVED,),
    "withdraw": (SUBMITTED, INSPECTION_REQUESTED, FAILED),
}


RESULT_ACTIONS = {
    "passed": "record-pass",
    "failed": "record-failure",
    "no-access": "record-no-access",
}


class Refused(Exception):
    """An action the lifecycle or the pack does not allow now; the message says why.

    `code` is stable for clients (a form places the error by it, not by the words); `field`
    names the input it concerns, where there is one. `overridable`: a refusal of timing that
    the ordinances leave to the building official, which a code official may override with a
    written reason (the services audit it).
    """

    def __init__(
        self,
        reason: str,
        citation: str | None = None,
        *,
        code: str = "refused",
        field: str | None = None,
        overridable: bool = False,
    ) -> None:
        self.reason, self.citation = reason, citation
        self.code, self.field, self.overridable = code, field, overridable
        super().__init__(reason + (f" [{citation}]" if citation else ""))


@dataclass(frozen=True)
class CaseSnapshot:
    """What the rules need to know of a case."""

    status: str
    processed_at: dt.datetime
    balance_due: Decimal
    valid_through: dt.date | None = None  # of the approval, if any
    approved_on: dt.date | None = None  # of the approval, if any
    occupants: int = 0
    occupants_missing_details: tuple[str, ...] = ()  # names of occupants lacking age etc.
    max_occupants: int | None = None  # from the bedrooms, where the pack sets a standard
    names_occupants: bool = True  # the case's permit names them (not a commercial one)


def check_transition(action: str, status: str) -> None:
    allowed = TRANSITIONS.get(action)
    if allowed is None:
        raise ValueError(f"unknown action {action!r}")
    if status not in allowed:
        raise Refused(
            f"cannot {action.replace('-', ' ')} a case that is {status}; "
            f"allowed from: {', '.join(allowed)}",
            code="status",
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
        raise Refused(
            f"wanted_on {wanted_on.isoformat()} is in the past", code="past", field="wanted_on"
        )
    if _term_is(pack, "fee_due_before", today, "inspection") and case.balance_due > 0:
        raise Refused(
            f"the fee must be paid before the inspection; {case.balance_due} is due",
            _cite(pack, "fee_due_before", today),
            code="fee-due",
        )
    check_inspection_day(pack, case, wanted_on, now)


def check_inspection_day(
    pack: Pack, case: CaseSnapshot, wanted_on: dt.date, now: dt.datetime
) -> None:
    """Is `wanted_on` a day an inspection requested `now` can be placed on? Business days
    only, from the first the processing time and the cut-off allow (the portal offers these)."""
    today = local(pack, now).date()
    if not is_business_day(pack, wanted_on):
        closed = holiday_name(pack, wanted_on) or wanted_on.strftime("%A")
        raise Refused(
            f"wanted_on {wanted_on.isoformat()} is not a business day ({closed}); "
            "inspections are placed on business days only",
            code="closed-day",
            field="wanted_on",
            overridable=True,
        )
    first = earliest_inspection_day(pack, now, case.processed_at)
    if wanted_on < first:
        cutoff = pack.has_term("inspection_request_cutoff")
        raise Refused(
            f"the first day this request can be placed on is {first.isoformat()} "
            + (
                "(processing time, the 4:00 PM cut-off, business days)"
                if cutoff
                else "(the next business day, after processing)"
            ),
            _cite(pack, "inspection_request_cutoff", today) if cutoff else None,
            code="too-early",
            field="wanted_on",
            overridable=True,
        )


def check_change_inspection(
    pack: Pack, case: CaseSnapshot, scheduled_on: dt.date, now: dt.datetime
) -> None:
    """May the pending inspection booked for `scheduled_on` be moved or cancelled now? While
    its day is still open to a new request. No document speaks of moving or cancelling a
    request; we read the rule that places a request on the schedule as the one that fixes it
    there (Clayton: after 4:00 PM the next business day's list is set; elsewhere, the day
    before). Later, the applicant calls the division."""
    check_transition("change-inspection-request", case.status)
    first = earliest_inspection_day(pack, now, case.processed_at)
    if scheduled_on < first:
        today = local(pack, now).date()
        cutoff = pack.has_term("inspection_request_cutoff")
        raise Refused(
            f"the inspection on {scheduled_on.isoformat()} is already on the inspector's "
            "schedule and can no longer be moved or cancelled here; call the division",
            _cite(pack, "inspection_request_cutoff", today) if cutoff else None,
            code="schedule-set",
            field="inspection",
        )


def check_record_timing(
    pack: Pack, case: CaseSnapshot, scheduled_on: dt.date, now: dt.datetime
) -> None:
    """May a result be recorded now for an inspection booked for `scheduled_on`? Not before
    the application is processed (000: "You cannot receive an inspection before your
    application has been processed"), nor before the day it was booked for."""
    at = local(pack, now)
    if now < case.processed_at:
        processed = local(pack, case.processed_at)
        raise Refused(
            f"the application is processed at {processed:%Y-%m-%d %H:%M}; no inspection "
            "can be received before then",
            _cite(pack, "processing_time", at.date()),
            code="not-processed",
            overridable=True,
        )
    if at.date() < scheduled_on:
        raise Refused(
            f"the inspection is booked for {scheduled_on.isoformat()}; its result cannot be "
            "recorded before that day",
            code="before-inspection-day",
            overridable=True,
        )


def check_record_result(pack: Pack, case: CaseSnapshot, result: str, now: dt.datetime) -> None:
    """What any result of an inspection needs besides its timing: the status, and where the
    pack says so, the fee paid before the inspection (a later visit's fee included)."""
    action = RESULT_ACTIONS.get(result)
    if action is None:
        raise Refused(
            f"result '{result}' is not one of: {', '.join(RESULT_ACTIONS)}",
            code="choice",
            field="result",
        )
    check_transition(action, case.status)
    today = local(pack, now).date()
    if _term_is(pack, "fee_due_before", today, "inspection") and case.balance_due > 0:
        raise Refused(
            f"the fee must be paid before the inspection; {case.balance_due} is due",
            _cite(pack, "fee_due_before", today),
            code="fee-due",
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
            code="fee-due",
        )


def check_issue_permit(
    pack: Pack, case: CaseSnapshot, now: dt.datetime, *, timing: bool = True
) -> None:
    """May the permit be issued now? (`timing=False`: all but the overridable timing.)"""
    check_transition("issue-permit", case.status)
    today = local(pack, now).date()
    if timing:
        _check_issue_timing(pack, case, now)
    _check_issue_content(pack, case, today)


def _check_issue_timing(pack: Pack, case: CaseSnapshot, now: dt.datetime) -> None:
    today = local(pack, now).date()
    if now < case.processed_at:
        raise Refused(
            "the application is not processed yet; no permit before it is",
            _cite(pack, "processing_time", today),
            code="not-processed",
            overridable=True,
        )
    if case.approved_on is not None and today < case.approved_on:
        raise Refused(
            f"the approval is dated {case.approved_on.isoformat()}; no permit before it",
            code="before-approval",
            overridable=True,
        )


def _check_issue_content(pack: Pack, case: CaseSnapshot, today: dt.date) -> None:
    if case.valid_through is not None and today > case.valid_through:
        raise Refused(
            f"the approval ran out on {case.valid_through.isoformat()}; a new application, fee "
            "and inspection are needed",
            _cite(pack, "approval_validity", today),
            code="approval-lapsed",
        )
    if case.names_occupants and case.occupants == 0:
        raise Refused(
            "the permit names its occupants: add every occupant first",
            code="occupants-missing",
            field="occupants",
        )
    if case.occupants_missing_details:
        raise Refused(
            "the permit states each occupant's age and relationship; missing for: "
            + ", ".join(case.occupants_missing_details),
            _cite(pack, "permit_content", today),
            code="occupant-details",
            field="occupants",
        )
    if case.max_occupants is not None and case.occupants > case.max_occupants:
        raise Refused(
            f"{case.occupants} occupants but the bedrooms allow at most {case.max_occupants}",
            _cite(pack, "bedroom_area_per_occupant_sqft", today),
            code="too-many-occupants",
            field="occupants",
        )
    if case.balance_due > 0:
        raise Refused(
            f"fees must be paid before the permit is issued; {case.balance_due} is due",
            code="fee-due",
        )


def check_pack_offers(pack: Pack, term: str, what: str) -> None:
    """Conditional and temporary permits exist only where the pack provides for them."""
    if not pack.has_term(term):
        raise Refused(f"{pack.name} does not provide for {what}", code="not-offered")


def approval_window(pack: Pack) -> str | None:
    """The term an approval's validity is counted by (the occupants named within it), if any:
    Clayton's 90 days, St. Louis County's window to name the occupants."""
    return next(
        (t for t in ("approval_validity", "occupant_naming_window") if pack.has_term(t)), None
    )


def approval_starts(pack: Pack, scheduled_on: dt.date, recorded_on: dt.date) -> dt.date:
    """The day an approval's window counts from: the pack's `approval_counts_from`.
    `passed-inspection-day`: the day of the inspection that passed, which is the day it was
    booked for (a result recorded later does not move it) or, where a code official let it be
    recorded earlier, the day it was recorded. `recorded-day`: the day the result is recorded."""
    reading = (
        pack.text("approval_counts_from", recorded_on)
        if pack.has_term("approval_counts_from")
        else "recorded-day"
    )
    if reading == "passed-inspection-day":
        return min(scheduled_on, recorded_on)
    if reading == "recorded-day":
        return recorded_on
    raise ValueError(f"unknown approval_counts_from reading {reading!r}")
