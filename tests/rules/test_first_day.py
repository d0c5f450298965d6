"""Why the first day offered is that day (issue 15, point 7): the reading of the cut-off at the
request, in words, agreeing with the day the service allows."""

from __future__ import annotations

import datetime as dt

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import earliest_inspection_day, processed_at
from permitdesk.rules.first_day import first_day
from tests.moments import central


def test_a_sunday_applicant_is_offered_tuesday_and_told_why(clayton: Pack) -> None:
    sunday = central("2026-11-15 11:00")
    processed = processed_at(clayton, sunday, sunday.date())
    explained = first_day(clayton, sunday, processed)
    assert explained.day == dt.date(2026, 11, 17)
    assert explained.day == earliest_inspection_day(clayton, sunday, processed)
    assert explained.reasons[0].startswith("Requests made before 4:00 PM go on the schedule")
    assert "Today is a Sunday" in explained.reasons[1]
    assert explained.reasons[-1] == "So the first day offered is Tuesday, November 17."
    assert explained.citation is not None
    assert "only requests made before 4:00 PM" in explained.citation


def test_processing_that_ends_mid_day_pushes_the_first_day_and_says_so(clayton: Pack) -> None:
    monday = central("2026-11-16 10:00")
    processed = processed_at(clayton, monday, monday.date())  # Tuesday 10 AM
    explained = first_day(clayton, monday, processed)
    assert explained.day == dt.date(2026, 11, 18)
    assert any("processed on Tuesday, November 17 at 10:00 AM" in r for r in explained.reasons)


def test_the_other_reading_of_the_cutoff_is_a_pack_value(clayton: Pack) -> None:
    # cutoff_read_at: end-of-processing would read the cut-off only once processing ends,
    # pushing a Sunday applicant to Wednesday; the pack chooses `request`.
    assert clayton.text("cutoff_read_at", dt.date(2026, 11, 15)) == "request"
    sunday = central("2026-11-15 11:00")
    processed = processed_at(clayton, sunday, sunday.date())
    terms = dict(clayton.terms)
    version = terms["cutoff_read_at"].values[0].model_copy(update={"value": "end-of-processing"})
    terms["cutoff_read_at"] = terms["cutoff_read_at"].model_copy(update={"values": [version]})
    other = Pack(**{**clayton.__dict__, "terms": terms})
    assert earliest_inspection_day(other, sunday, processed) == dt.date(2026, 11, 18)


def test_without_a_cutoff_the_next_business_day_after_processing(st_louis: Pack) -> None:
    friday = central("2026-11-20 15:00")
    explained = first_day(st_louis, friday, friday)
    assert explained.day == dt.date(2026, 11, 23)
    assert explained.reasons[0] == "An inspection is booked from the next business day."
