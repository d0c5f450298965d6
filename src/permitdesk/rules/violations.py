"""A violation's severity and the date it sets to correct it: the pack's severities
(checklist.yaml), counted in calendar days from the day of the failed inspection by the
pack's reckoning of periods (rules.periods)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from permitdesk.law.pack import Pack, UnknownName
from permitdesk.rules.periods import add_period


@dataclass(frozen=True)
class Correction:
    """What a severity sets on a violation noticed on `on`: its label, the date to correct it
    by, and the basis (citation, and the note saying whose choice the period is)."""

    severity: str
    label: str
    days: int
    correct_by: dt.date
    citation: str
    note: str | None


def correction(pack: Pack, severity: str, on: dt.date) -> Correction:
    """The correction date a violation of `severity` noticed on `on` carries; UnknownName
    (naming the pack's severities) for one the pack does not define."""
    found = pack.severities(on)
    if severity not in found:
        raise UnknownName(
            f"severity '{severity}' is not one of: {', '.join(found) or '(none in this pack)'}"
        )
    level = found[severity]
    days = level.correct_within_days
    return Correction(
        severity,
        level.label,
        days,
        add_period(pack, on, days, "days", on),
        pack.cite(level.citation),
        level.note,
    )
