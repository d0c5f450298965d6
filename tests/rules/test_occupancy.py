"""Occupant counts from bedrooms, smoke alarms, basement egress; Type I/II; visitors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.law.pack import Pack
from permitdesk.rules.classification import unit_class
from permitdesk.rules.facts import FactError
from permitdesk.rules.occupancy import Bedroom, occupancy
from permitdesk.rules.visitors import Stay, visitor_status

ON = dt.date(2026, 11, 23)


def room(area: str, **kw: object) -> Bedroom:
    return Bedroom(Decimal(area), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("area", "occupants"),
    [("69.99", 0), ("70", 1), ("139", 1), ("140", 2), ("210", 3)],
)
def test_a_bedroom_holds_one_occupant_per_70_square_feet(
    st_louis: Pack, area: str, occupants: int
) -> None:
    assert occupancy(st_louis, [room(area)], ON).max_occupants == occupants


def test_a_bedroom_under_70_square_feet_does_not_qualify_and_says_why(st_louis: Pack) -> None:
    (finding,) = occupancy(st_louis, [room("69")], ON).bedrooms
    assert not finding.qualifies
    assert finding.reasons == ("69 sq ft is under the 70 sq ft a bedroom needs",)


def test_a_bedroom_without_a_smoke_alarm_does_not_qualify(st_louis: Pack) -> None:
    result = occupancy(st_louis, [room("120", smoke_alarm=False), room("100")], ON, True, True)
    assert result.max_occupants == 1
    assert result.bedrooms[0].reasons == ("no smoke alarm in the bedroom",)
    assert result.passes_smoke_alarms is False


@pytest.mark.parametrize(
    ("opening", "qualifies"), [(None, False), ("5.69", False), ("5.7", True), ("8", True)]
)
def test_a_basement_bedroom_needs_a_5_7_square_foot_egress_opening(
    st_louis: Pack, opening: str | None, qualifies: bool
) -> None:
    egress = Decimal(opening) if opening else None
    (finding,) = occupancy(
        st_louis, [room("100", basement=True, egress_opening_sqft=egress)], ON
    ).bedrooms
    assert finding.qualifies is qualifies


def test_smoke_alarms_are_required_in_hallways_and_livable_areas_too(st_louis: Pack) -> None:
    assert occupancy(st_louis, [room("100")], ON, True, True).passes_smoke_alarms is True
    assert occupancy(st_louis, [room("100")], ON, False, True).passes_smoke_alarms is False
    assert occupancy(st_louis, [room("100")], ON, True, None).passes_smoke_alarms is None


def test_the_village_applies_the_county_standard_because_the_county_inspects(village: Pack) -> None:
    result = occupancy(village, [room("140"), room("60")], ON)
    assert result.max_occupants == 2
    assert any("St. Louis County" in c for c in result.citations)


def test_a_jurisdiction_without_a_bedroom_standard_reports_no_limit(clayton: Pack) -> None:
    result = occupancy(clayton, [room("140")], ON)
    assert result.max_occupants is None
    assert "set no bedroom" in result.rule


@pytest.mark.parametrize(
    ("unit_type", "units", "expected"),
    [
        ("single-family", None, "type-i"),
        ("mobile-home", None, "type-i"),
        ("duplex", None, "type-i"),
        ("apartment", 2, "type-i"),  # each unit of a two-unit building
        ("apartment", 3, "type-ii"),
        ("condo", 200, "type-i"),  # condominium units under Chapter 448 RSMo are Type I
    ],
)
def test_units_are_classed_type_i_or_type_ii_as_the_ordinance_defines(
    village: Pack, unit_type: str, units: int | None, expected: str
) -> None:
    assert unit_class(village, unit_type, units, ON) == expected


def test_an_apartment_cannot_be_classed_without_the_size_of_its_building(village: Pack) -> None:
    with pytest.raises(FactError, match="units_in_building is needed"):
        unit_class(village, "apartment", None, ON)


def test_a_visitor_may_stay_30_consecutive_days(village: Pack) -> None:
    stay = [Stay(dt.date(2026, 3, 1))]
    assert visitor_status(village, stay, dt.date(2026, 3, 30)).is_visitor
    day_31 = visitor_status(village, stay, dt.date(2026, 3, 31))
    assert not day_31.is_visitor
    assert day_31.notify_and_amend_permit


def test_only_one_visiting_period_per_person_per_calendar_year(village: Pack) -> None:
    stays = [Stay(dt.date(2026, 1, 5), dt.date(2026, 1, 20)), Stay(dt.date(2026, 6, 1))]
    second = visitor_status(village, stays, dt.date(2026, 6, 3))
    assert second.notify_and_amend_permit
    assert second.periods_this_year == 2
    # A new calendar year allows a new visiting period.
    stays = [Stay(dt.date(2025, 12, 1), dt.date(2025, 12, 20)), Stay(dt.date(2026, 1, 10))]
    assert visitor_status(village, stays, dt.date(2026, 1, 12)).is_visitor


def test_a_stay_that_ends_before_it_begins_is_refused(village: Pack) -> None:
    with pytest.raises(ValueError, match="cannot end"):
        visitor_status(
            village, [Stay(dt.date(2026, 3, 5), dt.date(2026, 3, 1))], dt.date(2026, 3, 5)
        )
