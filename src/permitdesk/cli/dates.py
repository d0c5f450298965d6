"""The command line's bad input and its --on date, shared by every command."""

from __future__ import annotations

import datetime as dt

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import zone


class UsageError(ValueError):
    """Input the command cannot use; the message says what is allowed."""


def on_date(pack: Pack, text: str | None) -> dt.date:
    """The date the law is read on: --on, or today in the jurisdiction's zone."""
    if text is None:
        return dt.datetime.now(zone(pack)).date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--on must be a date YYYY-MM-DD, not {text!r}") from None
