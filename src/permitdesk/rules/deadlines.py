"""deadlines(): every date a case's facts set running, each with the rule that set it.

A deadline appears when its starting fact is given and the jurisdiction's pack has the term
that sets it; a jurisdiction without, say, a 4:00 PM cut-off simply has no such deadline.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from permitdesk.law.pack import Pack
from permitdesk.law.schema import FactSpec
from permitdesk.rules.calendar import add_hours, first_inspection_day, local, processed_at
from permitdesk.rules.facts import FactError, coerce
from permitdesk.rules.periods import add_period, days_before

Moment = dt.date | dt.datetime


@dataclass(frozen=True)
class Deadline:
    id: str
    label: str
    due: Moment  # a date, or a moment in the jurisdiction's zone
    rule: str  # the term that set it, in words
    citation: str
    effective: dt.date
    status: str  # "passed", "today", "in 3 days", ...
    days_left: int


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    label: str
    fact: str  # the starting fact
    term: str  # the pack term that sets the length
    compute: Callable[[Pack, Mapping[str, Moment], dt.date], Moment]


def _after(fact: str, term: str) -> Callable[[Pack, Mapping[str, Moment], dt.date], Moment]:
    def compute(pack: Pack, facts: Mapping[str, Moment], on: dt.date) -> Moment:
        start = facts[fact]
        assert isinstance(start, dt.date)
        unit = pack.terms[term].unit
        return add_period(pack, _day(start), pack.count(term, on), unit, on)

    return compute


def _day(moment: Moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _processing(pack: Pack, facts: Mapping[str, Moment], on: dt.date) -> Moment:
    submitted = facts["submitted_at"]
    assert isinstance(submitted, dt.datetime)
    return processed_at(pack, submitted, on)


def _first_inspection(pack: Pack, facts: Mapping[str, Moment], on: dt.date) -> Moment:
    requested = facts["requested_at"]
    assert isinstance(requested, dt.datetime)
    submitted = facts.get("submitted_at")
    processed = processed_at(pack, submitted, on) if isinstance(submitted, dt.datetime) else None
    return first_inspection_day(pack, requested, processed)


def _permit_due(pack: Pack, facts: Mapping[str, Moment], on: dt.date) -> Moment:
    passed = facts["passed_at"]
    assert isinstance(passed, dt.datetime)
    return add_hours(pack, passed, pack.count("permit_issue_within", on), "clock-hours")


@dataclass(frozen=True)
class IssueDue:
    """When a passed case's permit is due (St. Louis County's 48 hours), and how it stands."""

    due: dt.datetime
    hours_left: int  # whole hours until due; negative once late
    late: bool
    citation: str

    @property
    def hours_late(self) -> int:
        return max(-self.hours_left, 0)


def permit_issue_due(pack: Pack, passed_at: dt.datetime, now: dt.datetime) -> IssueDue | None:
    """The permit_issue_within deadline of a case that passed at `passed_at`, as of `now`, or
    None where the pack sets none ("an occupancy permit is generated in 48 hours", 004)."""
    if not pack.has_term("permit_issue_within"):
        return None
    on = local(pack, passed_at, "passed_at").date()
    due = add_hours(pack, passed_at, pack.count("permit_issue_within", on), "clock-hours")
    left = (due - now).total_seconds() / 3600
    version = pack.term_version("permit_issue_within", on)
    return IssueDue(due, math.floor(left), left < 0, pack.cite(version.citation))


def _notice_by(pack: Pack, facts: Mapping[str, Moment], on: dt.date) -> Moment:
    sale = facts["sale_on"]
    return days_before(_day(sale), pack.count("prior_to_sale_notice", on))


def _visit_ends(pack: Pack, facts: Mapping[str, Moment], on: dt.date) -> Moment:
    # Days lived in the residence count from the day of arrival: a 30-day visit that starts
    # on January 1 ends on January 30, whatever the pack's counting of legal periods.
    arrived = _day(facts["visitor_arrived_on"])
    return arrived + dt.timedelta(days=pack.count("visitor_period", on) - 1)


RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "processing-complete",
        "Application processed",
        "submitted_at",
        "processing_time",
        _processing,
    ),
    DeadlineRule(
        "first-inspection-day",
        "First day an inspection requested now can be placed on",
        "requested_at",
        "inspection_request_cutoff",
        _first_inspection,
    ),
    DeadlineRule(
        "approval-valid-through",
        "Approved inspection valid through",
        "approved_on",
        "approval_validity",
        _after("approved_on", "approval_validity"),
    ),
    DeadlineRule(
        "occupant-names-due",
        "Occupants' names due (else start over with new fees)",
        "approved_on",
        "occupant_naming_window",
        _after("approved_on", "occupant_naming_window"),
    ),
    DeadlineRule(
        "permit-due-by",
        "Permit to be generated by",
        "passed_at",
        "permit_issue_within",
        _permit_due,
    ),
    DeadlineRule(
        "permit-ends",
        "Permit ends (unless tenancy changes first)",
        "permit_issued_on",
        "permit_term",
        _after("permit_issued_on", "permit_term"),
    ),
    DeadlineRule(
        "change-report-due",
        "Change of occupancy to be reported by",
        "change_of_occupancy_on",
        "change_report_window",
        _after("change_of_occupancy_on", "change_report_window"),
    ),
    DeadlineRule(
        "prior-to-sale-notice-by",
        "City to be notified of the sale by",
        "sale_on",
        "prior_to_sale_notice",
        _notice_by,
    ),
    DeadlineRule(
        "dumpster-permit-expires",
        "Dumpster permit valid through",
        "dumpster_issued_on",
        "dumpster_validity",
        _after("dumpster_issued_on", "dumpster_validity"),
    ),
    DeadlineRule(
        "visiting-period-ends",
        "Visiting period ends; later, notify and amend the permit",
        "visitor_arrived_on",
        "visitor_period",
        _visit_ends,
    ),
)

DEADLINE_FACTS: dict[str, FactSpec] = {
    "submitted_at": FactSpec(
        type="date", description="when the application was submitted (date and time with offset)"
    ),
    "requested_at": FactSpec(
        type="date", description="when the inspection was requested (date and time with offset)"
    ),
    "approved_on": FactSpec(
        type="date", description="date of the approved inspection (compliance)"
    ),
    "passed_at": FactSpec(
        type="date", description="when the unit passed inspection (date and time with offset)"
    ),
    "permit_issued_on": FactSpec(type="date", description="original date of issue of the permit"),
    "change_of_occupancy_on": FactSpec(type="date", description="date the occupancy changed"),
    "sale_on": FactSpec(type="date", description="date of the sale or transfer"),
    "dumpster_issued_on": FactSpec(type="date", description="date the dumpster permit was issued"),
    "visitor_arrived_on": FactSpec(type="date", description="first day of a visitor's stay"),
}
MOMENT_FACTS = {"submitted_at", "requested_at", "passed_at"}


def _moment(pack: Pack, name: str, raw: object) -> Moment:
    if name not in MOMENT_FACTS:
        value = coerce(name, DEADLINE_FACTS[name], raw)
        assert isinstance(value, dt.date)
        return value
    if isinstance(raw, dt.datetime):
        moment = raw
    else:
        try:
            moment = dt.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise FactError(
                name, f"{name} must be a date and time with offset, e.g. 2026-11-20T15:30-06:00"
            ) from None
    if moment.tzinfo is None:
        raise FactError(
            name, f"{name} must include a time zone offset, e.g. 2026-11-20T15:30-06:00"
        )
    return local(pack, moment, name)


def _status(due: Moment, now: dt.datetime) -> tuple[str, int]:
    if isinstance(due, dt.datetime):
        if due < now:
            return "passed", (due.date() - now.date()).days
        left = (due.date() - now.date()).days
    else:
        left = (due - now.date()).days
        if left < 0:
            return "passed", left
    if left == 0:
        return "today", 0
    return f"in {left} day{'s' if left != 1 else ''}", left


def _rule_text(pack: Pack, name: str, value: object) -> str:
    term = pack.terms[name]
    amount = f"{value} {term.unit}" if term.unit in ("hours", "days", "years") else str(value)
    return f"{term.description} ({amount})"


def deadlines(pack: Pack, facts: Mapping[str, object], now: dt.datetime) -> tuple[Deadline, ...]:
    """The deadlines that `facts` set running in `pack`, with their status at `now`."""
    now_local = local(pack, now, "now")
    for name in facts:
        if name not in DEADLINE_FACTS:
            known = ", ".join(DEADLINE_FACTS)
            raise FactError(name, f"'{name}' is not a deadline fact; they are: {known}")
    given = {name: _moment(pack, name, raw) for name, raw in facts.items() if raw is not None}
    found: list[Deadline] = []
    for rule in RULES:
        if rule.fact not in given or not pack.has_term(rule.term):
            continue
        start_day = _day(given[rule.fact])
        version = pack.term_version(rule.term, start_day)
        due = rule.compute(pack, given, start_day)
        status, left = _status(due, now_local)
        found.append(
            Deadline(
                id=rule.id,
                label=rule.label,
                due=due,
                rule=_rule_text(pack, rule.term, version.value),
                citation=pack.cite(version.citation),
                effective=version.effective,
                status=status,
                days_left=left,
            )
        )
    return tuple(found)
