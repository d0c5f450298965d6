"""What the sweep's batch services share: what a batch did, and how it leaves out an item the
rules refuse while the rest of the batch goes on.

A batch service takes the ids a finder found, locks their rows in one query, checks each row
again under the lock with the rules (a row changed or deleted since it was found is skipped),
and writes what is due in a few bulk statements, whatever the batch's size: the changes, one
audit event per changed record, and the messages, all in the caller's transaction. Each
takes (the ids, `now`), so the run's table of actions calls every one the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Model

from permitdesk.law.loader import PackError
from permitdesk.law.pack import NotInForce, UnknownName
from permitdesk.rules.lifecycle import Refused

# An item the rules refuse, or whose pack cannot be read, is left as it was and reported;
# the rest of its batch goes on. Any other error (the database gone) ends the run.
ITEM_ERRORS = (Refused, PackError, NotInForce, UnknownName, ValueError)


R = TypeVar("R", bound=Model)
P = TypeVar("P")


@dataclass
class Done:
    """What a batch service did: how many items it changed, and the items it left as they
    were because the rules refused them (id, the reason)."""

    changed: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)


def each_due(rows: Iterable[R], check: Callable[[R], P | None], done: Done) -> list[P]:
    """What `check` finds due for each row, in the rows' order (None: nothing due); a row the
    rules refuse is left out and named in `done`. The checks run before anything is written,
    so a refused row leaves nothing behind."""
    due = []
    for row in rows:
        try:
            found = check(row)
        except ITEM_ERRORS as error:
            done.refused.append((int(row.pk), str(error)))
            continue
        if found is not None:
            due.append(found)
    return due
