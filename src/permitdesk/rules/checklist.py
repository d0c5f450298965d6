"""The rows of a unit's checklist by key: an item of the pack's checklist once for the unit
("plumbing"), or once per bedroom with the bedroom's number after a dot ("bedroom-area.2").
The inspection form, the violation it carries and the notice name a row the same way."""

from __future__ import annotations

import datetime as dt

from permitdesk.law.pack import Pack


def row_key(item: str, bedroom: int | None) -> str:
    return item if bedroom is None else f"{item}.{bedroom}"


def row_label(label: str, bedroom: int | None) -> str:
    """The item's label, or for a bedroom's row, "Bedroom 2: bedroom floor area"."""
    if bedroom is None:
        return label
    return f"Bedroom {bedroom}: {label[:1].lower()}{label[1:]}"


def label_of(pack: Pack, key: str, on: dt.date) -> str:
    """The row's label from its key; a key of an item no longer in the pack reads as itself."""
    item, _, number = key.partition(".")
    found = pack.checklist_items(on).get(item)
    if found is None or (number and not number.isdigit()):
        return key
    return row_label(found.label, int(number) if number else None)
