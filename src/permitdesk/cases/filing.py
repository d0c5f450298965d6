"""What the parts above the cases do when an application is filed, inside the filing's own
transaction: a part registers a hook in its AppConfig.ready (discovery closes the leads the
application answers), and submit_application calls them after writing the application and
before its audit event commits. The layers keep the cases below those parts, so the cases
name no one: the parts name themselves here (decision 0020, Revision).

A hook that raises rolls the filing back, as any part of one change does; so a hook does
only what must be true the moment the application exists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from permitdesk.cases.models import Application

FilingHook = Callable[[Application, dt.datetime], object]  # what it returns is not used

_hooks: list[FilingHook] = []


def on_filing(hook: FilingHook) -> FilingHook:
    """Run `hook(application, now)` in the transaction of every application filed (once,
    however often it is registered)."""
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def filed(application: Application, now: dt.datetime) -> None:
    """Tell the registered parts that `application` was filed at `now`."""
    for hook in _hooks:
        hook(application, now)
