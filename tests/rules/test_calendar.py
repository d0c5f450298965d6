"""Business days, the 4:00 PM cut-off, processing time and daylight-saving edges."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import (
    NaiveTime,
    add_hours,
    first_inspection_day,
    holiday_name,
    is_business_day,
    processed_at,
)
from tests.moments import central

D = dt.date


@pytest.mark.parametrize(
    ("requested", "first_day"),
    [
        ("2026-11-17 15:59", D(2026, 11, 18)),  # Tuesday before 4 PM: Wednesday
        ("2026-11-17 16:00", D(2026, 11, 19)),  # at 4 PM it is no longer "before": Thursday
        ("2026-11-17 08:00", D(2026, 11, 18)),
        ("2026-11-20 15:00", D(2026, 11, 23)),  # Friday before 4 PM: Monday
        ("2026-11-20 16:30", D(2026, 11, 24)),  # Friday after 4 PM: Tuesday
        ("2026-11-21 10:00", D(2026, 11, 24)),  # Saturday: read Monday morning, placed Tuesday
        ("2026-11-22 23:00", D(2026, 11, 24)),  # Sunday night likewise
        ("2026-11-25 10:00", D(2026, 11, 27)),  # Wednesday: Thanksgiving skipped, Friday
        ("2026-11-25 16:05", D(2026, 11, 30)),  # after the cut-off: Friday is the next, Monday
        ("2026-11-26 10:00", D(2026, 11, 30)),  # on Thanksgiving itself: as if Friday morning
        ("2026-07-02 10:00", D(2026, 7, 6)),  # Independence Day observed Friday July 3
        ("2026-05-07 10:00", D(2026, 5, 11)),  # Truman Day, a Missouri holiday, Friday May 8
        ("2026-12-24 15:00", D(2026, 12, 28)),  # Christmas Friday
    ],
)
def test_a_request_is_placed_on_the_day_the_cutoff_allows(
    clayton: Pack, requested: str, first_day: dt.date
) -> None:
    assert first_inspection_day(clayton, central(requested)) == first_day


def test_the_cutoff_is_read_on_the_local_wall_clock_across_the_daylight_saving_change(
    clayton: Pack,
) -> None:
    # 21:30 UTC is 4:30 PM CDT on Friday October 30 but 3:30 PM CST on Monday November 2.
    before_change = dt.datetime(2026, 10, 30, 21, 30, tzinfo=dt.UTC)
    after_change = dt.datetime(2026, 11, 2, 21, 30, tzinfo=dt.UTC)
    assert first_inspection_day(clayton, before_change) == D(2026, 11, 3)  # Mon is next, then Tue
    assert first_inspection_day(clayton, after_change) == D(2026, 11, 3)  # before 4 PM: Tuesday


def test_processing_takes_24_hours_of_business_days(clayton: Pack) -> None:
    on = D(2026, 11, 17)
    assert processed_at(clayton, central("2026-11-17 10:00"), on) == central("2026-11-18 10:00")
    # Friday 3 PM: the weekend does not count, processed Monday 3 PM.
    assert processed_at(clayton, central("2026-11-20 15:00"), on) == central("2026-11-23 15:00")
    # Wednesday before Thanksgiving: Thursday is closed, processed Friday.
    assert processed_at(clayton, central("2026-11-25 09:30"), on) == central("2026-11-27 09:30")
    # Saturday: counting starts Monday at midnight.
    assert processed_at(clayton, central("2026-11-21 10:00"), on) == central("2026-11-24 00:00")


@pytest.mark.parametrize(
    ("submitted", "requested", "first_day"),
    [
        # Processed Wednesday 10 AM, before the cut-off: Thursday, not Wednesday.
        ("2026-11-17 10:00", "2026-11-17 10:05", D(2026, 11, 19)),
        # Requested Tuesday 5:05 PM, after the cut-off (cutoff_read_at: request): the cut-off
        # places it on Thursday; processing ends Wednesday 5 PM, before Thursday begins.
        ("2026-11-17 17:00", "2026-11-17 17:05", D(2026, 11, 19)),
        # Requested long after processing: the request's own time governs.
        ("2026-11-10 10:00", "2026-11-17 15:00", D(2026, 11, 18)),
    ],
)
def test_no_inspection_comes_before_the_application_is_processed(
    clayton: Pack, submitted: str, requested: str, first_day: dt.date
) -> None:
    processed = processed_at(clayton, central(submitted), D(2026, 11, 17))
    assert first_inspection_day(clayton, central(requested), processed) == first_day


def test_48_clock_hours_across_the_fall_back_change_end_an_hour_earlier_on_the_wall(
    st_louis: Pack,
) -> None:
    # Clocks fall back at 2 AM on Sunday November 1, 2026.
    passed = central("2026-10-30 10:00")
    assert add_hours(st_louis, passed, 48, "clock-hours") == central("2026-11-01 09:00")


def test_48_clock_hours_across_the_spring_forward_change_end_an_hour_later_on_the_wall(
    st_louis: Pack,
) -> None:
    # Clocks spring forward at 2 AM on Sunday March 8, 2026.
    passed = central("2026-03-06 10:00")
    assert add_hours(st_louis, passed, 48, "clock-hours") == central("2026-03-08 11:00")


def test_business_days_follow_each_states_own_holidays(clayton: Pack, st_clair: Pack) -> None:
    lincolns_birthday = D(2026, 2, 12)  # an Illinois holiday, not a Missouri one
    assert not is_business_day(st_clair, lincolns_birthday)
    assert is_business_day(clayton, lincolns_birthday)
    truman_day = D(2026, 5, 8)  # a Missouri holiday, not an Illinois one
    assert holiday_name(clayton, truman_day) == "Truman Day"
    assert is_business_day(st_clair, truman_day)
    assert not is_business_day(clayton, D(2026, 11, 21))  # a Saturday


def test_a_time_without_a_zone_is_refused(clayton: Pack) -> None:
    with pytest.raises(NaiveTime, match="time zone offset"):
        first_inspection_day(clayton, dt.datetime(2026, 11, 17, 15, 0))


def test_an_unknown_way_of_counting_hours_is_refused(clayton: Pack) -> None:
    with pytest.raises(ValueError, match="unknown way of counting"):
        add_hours(clayton, central("2026-11-17 10:00"), 24, "fortnights")
