"""The demo's dates, relative to the day it is loaded.

The plans are written as if loaded on REFERENCE_DAY (Monday 2026-11-30): their wall-clock
moments ("2026-10-05 09:30") are moved by whole weeks, so the Monday of the reference week
becomes the Monday of the week of loading. Whole weeks keep each moment's weekday and time,
and everything written before the reference week stays in the past. Inspection visits are not
moments of the plan: they are counted in business days from the demo day (the day of loading,
or the next business day when it is not one), so the inspector has visits today and tomorrow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import business_day_on_or_after, next_business_day, zone

REFERENCE_DAY = dt.date(2026, 11, 30)  # a Monday: the day the plans' moments were written for


@dataclass(frozen=True)
class DemoClock:
    pack: Pack
    today: dt.date  # the day the demo is loaded, in the jurisdiction's zone

    @property
    def shift(self) -> dt.timedelta:
        monday = self.today - dt.timedelta(days=self.today.weekday())
        return dt.timedelta(weeks=(monday - REFERENCE_DAY).days // 7)

    @property
    def demo_day(self) -> dt.date:
        """The first business day on or after today: the inspector's "today"."""
        return business_day_on_or_after(self.pack, self.today)

    def at(self, text: str) -> dt.datetime:
        """A plan's wall-clock moment ('2026-03-02 10:00'), moved to the week of loading."""
        return dt.datetime.fromisoformat(text).replace(tzinfo=zone(self.pack)) + self.shift

    def on(self, text: str) -> dt.date:
        """A plan's date ('2026-12-31'), moved to the week of loading."""
        return dt.date.fromisoformat(text) + self.shift

    def visit_day(self, business_days: int) -> dt.date:
        """The demo day (0), the business day after it (1), and so on."""
        day = self.demo_day
        for _ in range(business_days):
            day = next_business_day(self.pack, day)
        return day

    def written(self, moment: dt.datetime) -> str:
        """The plan's text for a real moment: at(written(m)) == m."""
        return (moment - self.shift).strftime("%Y-%m-%d %H:%M")
