"""What each event requires in each jurisdiction, and why."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.law.loader import get_pack
from permitdesk.rules.eligibility import eligibility
from permitdesk.rules.facts import FactError

TODAY = dt.date(2026, 11, 23)


def required(slug: str, obligation: str, on: dt.date = TODAY, **facts: object) -> bool:
    answer = eligibility(get_pack(slug), facts, on)
    return {f.obligation: f.required for f in answer.findings}[obligation]


@pytest.mark.parametrize(
    ("slug", "obligation", "facts", "expected"),
    [
        # Clayton: rental properties only; each new tenancy; commercial apart.
        ("clayton-mo", "residential-occupancy-permit", {"event": "lease", "unit_type": "apartment"}, True),
        ("clayton-mo", "residential-occupancy-permit", {"event": "sale", "unit_type": "single-family"}, False),
        ("clayton-mo", "residential-occupancy-permit", {"event": "new-occupant", "unit_type": "condo", "rental": True}, True),
        ("clayton-mo", "residential-occupancy-permit", {"event": "new-occupant", "unit_type": "condo", "rental": False}, False),
        ("clayton-mo", "residential-occupancy-permit", {"event": "new-construction", "unit_type": "duplex", "rental": True}, True),
        ("clayton-mo", "commercial-occupancy-permit", {"event": "commercial-use", "unit_type": "apartment"}, True),
        ("clayton-mo", "prior-to-sale-inspection", {"event": "sale", "unit_type": "apartment", "units_in_building": 3}, True),
        ("clayton-mo", "prior-to-sale-inspection", {"event": "sale", "unit_type": "duplex"}, False),
        ("clayton-mo", "building-permit", {"event": "new-construction", "unit_type": "single-family"}, True),
        # St. Clair: every change of occupancy, rental or sale (sales from 01/01/99).
        ("st-clair-county-il", "occupancy-inspection", {"event": "lease", "unit_type": "apartment"}, True),
        ("st-clair-county-il", "occupancy-inspection", {"event": "sale", "unit_type": "single-family"}, True),
        ("st-clair-county-il", "occupancy-permit", {"event": "sale", "unit_type": "single-family"}, True),
        ("st-clair-county-il", "occupancy-inspection", {"event": "lease", "unit_type": "apartment", "use": "commercial"}, False),
        ("st-clair-county-il", "occupancy-inspection", {"event": "lease", "unit_type": "apartment", "use": "mixed"}, True),
        # ... but not again within a year of an approved inspection, even for new occupants.
        ("st-clair-county-il", "occupancy-inspection", {"event": "lease", "unit_type": "duplex", "approved_on": "2026-03-01"}, False),
        ("st-clair-county-il", "occupancy-inspection", {"event": "lease", "unit_type": "duplex", "approved_on": "2025-11-22"}, True),
        # St. Louis County: sales of houses, duplexes and condos; rentals.
        ("st-louis-county-mo", "re-occupancy-permit", {"event": "sale", "unit_type": "condo"}, True),
        ("st-louis-county-mo", "re-occupancy-permit", {"event": "sale", "unit_type": "apartment"}, False),
        ("st-louis-county-mo", "re-occupancy-permit", {"event": "lease", "unit_type": "apartment"}, True),
        # The village: Type I units each change of occupancy; Type II and new units exempt.
        ("village-ord-08-457", "re-occupancy-permit", {"event": "lease", "unit_type": "single-family"}, True),
        ("village-ord-08-457", "re-occupancy-permit", {"event": "sale", "unit_type": "condo", "units_in_building": 40}, True),
        ("village-ord-08-457", "re-occupancy-permit", {"event": "lease", "unit_type": "apartment", "units_in_building": 2}, True),
        ("village-ord-08-457", "re-occupancy-permit", {"event": "lease", "unit_type": "apartment", "units_in_building": 3}, False),
        ("village-ord-08-457", "re-occupancy-permit", {"event": "lease", "unit_type": "duplex", "new_unit": True}, False),
        ("village-ord-08-457", "re-occupancy-permit", {"event": "new-construction", "unit_type": "single-family"}, False),
        ("village-ord-08-457", "change-of-occupancy-report", {"event": "lease", "unit_type": "apartment", "units_in_building": 30}, True),
        ("village-ord-08-457", "disclosure", {"event": "sale", "unit_type": "single-family"}, True),
        ("village-ord-08-457", "disclosure", {"event": "new-occupant", "unit_type": "single-family"}, False),
    ],
)  # fmt: skip
def test_each_event_requires_what_the_ordinance_says(
    slug: str, obligation: str, facts: dict[str, object], expected: bool
) -> None:
    assert required(slug, obligation, **facts) is expected


@pytest.mark.parametrize(
    ("slug", "on", "facts", "expected"),
    [
        # St. Louis County's sale requirement took effect July 1, 2007.
        ("st-louis-county-mo", dt.date(2007, 6, 30), {"event": "sale", "unit_type": "condo"}, False),
        ("st-louis-county-mo", dt.date(2007, 7, 1), {"event": "sale", "unit_type": "condo"}, True),
        # St. Clair: rentals from 01/01/98, sales from 01/01/99.
        ("st-clair-county-il", dt.date(1998, 6, 1), {"event": "sale", "unit_type": "single-family"}, False),
        ("st-clair-county-il", dt.date(1998, 6, 1), {"event": "lease", "unit_type": "single-family"}, True),
        ("st-clair-county-il", dt.date(1999, 1, 1), {"event": "sale", "unit_type": "single-family"}, True),
    ],
)  # fmt: skip
def test_requirements_start_on_their_effective_dates(
    slug: str, on: dt.date, facts: dict[str, object], expected: bool
) -> None:
    obligation = "re-occupancy-permit" if slug == "st-louis-county-mo" else "occupancy-inspection"
    assert required(slug, obligation, on, **facts) is expected


def test_each_finding_gives_its_reason_citation_and_fee_item() -> None:
    answer = eligibility(
        get_pack("village-ord-08-457"),
        {"event": "lease", "unit_type": "apartment", "units_in_building": 12},
        TODAY,
    )
    permit = next(f for f in answer.findings if f.obligation == "re-occupancy-permit")
    assert "Type II" in permit.reason
    assert permit.citation.endswith("§1.B.2 Type II unit complexes")
    assert answer.facts["unit_class"] == "type-ii"
    report = next(f for f in answer.findings if f.obligation == "change-of-occupancy-report")
    assert "30 days" in report.reason


def test_a_fact_a_case_needs_is_asked_for_by_name() -> None:
    with pytest.raises(FactError, match="units_in_building is needed") as raised:
        eligibility(
            get_pack("village-ord-08-457"), {"event": "lease", "unit_type": "apartment"}, TODAY
        )
    assert raised.value.fact == "units_in_building"


def test_a_derived_fact_cannot_be_given() -> None:
    with pytest.raises(FactError, match="unit_class is worked out"):
        eligibility(
            get_pack("village-ord-08-457"), {"event": "lease", "unit_class": "type-ii"}, TODAY
        )


def test_an_event_outside_the_vocabulary_is_refused_with_the_events_allowed() -> None:
    with pytest.raises(FactError, match="event 'eviction' is not one of: sale, lease"):
        eligibility(get_pack("clayton-mo"), {"event": "eviction"}, TODAY)
