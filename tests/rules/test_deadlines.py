"""Every term that sets a deadline, in every jurisdiction that has it."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.rules.deadlines import deadlines
from permitdesk.rules.facts import FactError
from tests.moments import central

D = dt.date
NOW = central("2026-01-02 09:00")


def due(slug: str, deadline_id: str, now: dt.datetime = NOW, **facts: object) -> object:
    found = {d.id: d for d in deadlines(get_pack(slug), facts, now)}
    return found[deadline_id].due


@pytest.mark.parametrize(
    ("slug", "deadline_id", "facts", "expected"),
    [
        # Clayton: approvals valid 90 days; June 1 + 90 days = August 30.
        ("clayton-mo", "approval-valid-through", {"approved_on": "2026-06-01"}, D(2026, 8, 30)),
        # Clayton: a permit ends five years after the original date of issue.
        ("clayton-mo", "permit-ends", {"permit_issued_on": "2026-06-05"}, D(2031, 6, 5)),
        # ... and a February 29 issue ends on February 28.
        ("clayton-mo", "permit-ends", {"permit_issued_on": "2028-02-29"}, D(2033, 2, 28)),
        # Clayton: at least 30 days' notice before the sale of a 3+ unit building.
        ("clayton-mo", "prior-to-sale-notice-by", {"sale_on": "2026-08-31"}, D(2026, 8, 1)),
        # Clayton: a dumpster permit is valid 120 days; Jan 1 + 120 days = May 1.
        ("clayton-mo", "dumpster-permit-expires", {"dumpster_issued_on": "2026-01-01"}, D(2026, 5, 1)),
        # St. Clair: an occupancy inspection is good for one year.
        ("st-clair-county-il", "approval-valid-through", {"approved_on": "2026-03-15"}, D(2027, 3, 15)),
        ("st-clair-county-il", "approval-valid-through", {"approved_on": "2024-02-29"}, D(2025, 2, 28)),
        # St. Louis County: 120 days from compliance to name the occupants; Mar 1 + 120 = Jun 29.
        ("st-louis-county-mo", "occupant-names-due", {"approved_on": "2026-03-01"}, D(2026, 6, 29)),
        # The village: report a change of occupancy within 30 days.
        ("village-ord-08-457", "change-report-due", {"change_of_occupancy_on": "2026-11-01"}, D(2026, 12, 1)),
        # The village: a pre-occupant inspection stays valid (at least) one year.
        ("village-ord-08-457", "approval-valid-through", {"approved_on": "2026-01-10"}, D(2027, 1, 10)),
        # The village: a visit lasts at most 30 consecutive days, the day of arrival the first.
        ("village-ord-08-457", "visiting-period-ends", {"visitor_arrived_on": "2026-01-01"}, D(2026, 1, 30)),
    ],
)  # fmt: skip
def test_each_period_ends_on_the_day_its_term_sets(
    slug: str, deadline_id: str, facts: dict[str, object], expected: dt.date
) -> None:
    assert due(slug, deadline_id, **facts) == expected


def test_st_louis_county_generates_the_permit_within_48_hours_of_passing() -> None:
    assert due(
        "st-louis-county-mo", "permit-due-by", passed_at="2026-06-05T10:00-05:00"
    ) == central("2026-06-07 10:00")


def test_clayton_processing_and_first_inspection_day_come_from_the_submission_and_request() -> None:
    facts = {"submitted_at": "2026-11-20T15:00-06:00", "requested_at": "2026-11-20T15:30-06:00"}
    assert due("clayton-mo", "processing-complete", **facts) == central("2026-11-23 15:00")
    # Processed Monday 3 PM, before the cut-off: the inspection can be Tuesday.
    assert due("clayton-mo", "first-inspection-day", **facts) == D(2026, 11, 24)


def test_a_jurisdiction_without_a_term_has_no_such_deadline() -> None:
    found = deadlines(
        get_pack("st-louis-county-mo"), {"requested_at": "2026-11-20T15:30-06:00"}, NOW
    )
    assert found == ()  # the county's inspector calls the applicant; there is no cut-off


def test_status_says_passed_today_or_how_many_days_remain() -> None:
    clayton = get_pack("clayton-mo")
    (deadline,) = deadlines(clayton, {"approved_on": "2026-06-01"}, central("2026-08-27 12:00"))
    assert (deadline.status, deadline.days_left) == ("in 3 days", 3)
    (deadline,) = deadlines(clayton, {"approved_on": "2026-06-01"}, central("2026-08-30 12:00"))
    assert deadline.status == "today"
    (deadline,) = deadlines(clayton, {"approved_on": "2026-06-01"}, central("2026-08-31 00:01"))
    assert (deadline.status, deadline.days_left) == ("passed", -1)


def test_every_deadline_cites_the_sentence_that_set_it() -> None:
    found = deadlines(
        get_pack("clayton-mo"), {"approved_on": "2026-06-01", "permit_issued_on": "2026-06-05"}, NOW
    )
    assert [d.citation for d in found] == [
        "City of Clayton, MO — Process to Obtain a Residential Occupancy Permit — "
        "3. Inspection Performed — approvals valid for 90 days",
        "City of Clayton, MO — Process to Obtain a Residential Occupancy Permit — "
        "5. Permit Issued — terminate ... five years after the original date of issue",
    ]


def test_a_moment_without_an_offset_is_refused_naming_the_fact() -> None:
    with pytest.raises(FactError, match="submitted_at must include a time zone offset"):
        deadlines(get_pack("clayton-mo"), {"submitted_at": "2026-11-20T15:00"}, NOW)


def test_an_unknown_fact_is_refused_with_the_facts_allowed() -> None:
    with pytest.raises(
        FactError, match="'moved_in' is not a deadline fact; they are: submitted_at"
    ):
        deadlines(get_pack("clayton-mo"), {"moved_in": "2026-11-20"}, NOW)


def test_a_date_that_is_no_date_is_refused() -> None:
    with pytest.raises(FactError, match="approved_on must be a date YYYY-MM-DD"):
        deadlines(get_pack("clayton-mo"), {"approved_on": "June 1"}, NOW)
