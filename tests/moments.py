"""Moments in the jurisdictions' zone, for tests that reason about wall-clock time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

CENTRAL = ZoneInfo("America/Chicago")


def central(text: str) -> dt.datetime:
    """A wall-clock time in St. Louis or Belleville: central('2026-11-20 15:59')."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=CENTRAL)
