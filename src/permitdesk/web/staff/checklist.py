"""The inspector's checklist for one unit: the pack's checklist items (checklist.yaml), one row
per item, or per bedroom / basement bedroom where the item says so, each with its citation,
the standard it is checked against, and what the case file holds on the bedroom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms

from permitdesk.law.pack import Pack
from permitdesk.law.schema import ChecklistItem
from permitdesk.records.models import Bedroom

FINDINGS = [
    ("", "Not checked"),
    ("meets", "Meets the requirement"),
    ("deficient", "Deficient"),
    ("not-applicable", "Not applicable"),
]
STANDARD_WORDS = {
    "bedroom_min_area_sqft": "at least {value} sq ft",
    "basement_bedroom_egress_min_sqft": "an opening of at least {value} sq ft",
}


@dataclass(frozen=True)
class Row:
    key: str  # "plumbing", "bedroom-area.2": the key in Inspection.checklist
    label: str
    citation: str
    note: str | None
    standard: str | None  # the figure, from the pack's term, in words
    on_file: str | None  # what the case file records about the bedroom

    @property
    def explained(self) -> str:
        """The citation, standard, what is on file and the note: the field's hint."""
        parts = [self.citation]
        parts += [f"Standard: {self.standard}"] if self.standard else []
        parts += [f"On file: {self.on_file}"] if self.on_file else []
        parts += [f"Note: {self.note}"] if self.note else []
        return " · ".join(parts)


def _standard(pack: Pack, item: ChecklistItem, on: dt.date) -> str | None:
    if item.standard is None:
        return None
    value = pack.term(item.standard, on)
    words = STANDARD_WORDS.get(item.standard, "{value}")
    return (
        words.format(value=value) + f" ({pack.cite(pack.term_version(item.standard, on).citation)})"
    )


def _on_file(room: Bedroom) -> str:
    parts = [f"{room.area_sqft} sq ft"]
    if room.basement:
        opening = room.egress_opening_sqft
        parts.append(
            "basement, "
            + (f"egress opening {opening} sq ft" if opening else "no egress opening on file")
        )
    parts.append("smoke alarm on file" if room.smoke_alarm else "no smoke alarm on file")
    return "; ".join(parts)


def checklist_rows(pack: Pack, bedrooms: list[Bedroom], on: dt.date) -> list[Row]:
    rows: list[Row] = []
    for key, item in pack.checklist_items(on).items():
        citation = pack.cite(item.citation)
        standard = _standard(pack, item, on)
        if item.per == "unit":
            rows.append(Row(key, item.label, citation, item.note, standard, None))
            continue
        for number, room in enumerate(bedrooms, 1):
            if item.per == "basement-bedroom" and not room.basement:
                continue
            rows.append(
                Row(
                    f"{key}.{number}",
                    f"Bedroom {number}: {item.label[:1].lower()}{item.label[1:]}",
                    citation,
                    item.note,
                    standard,
                    _on_file(room),
                )
            )
    return rows


class ChecklistForm(forms.Form):
    """One choice per row: meets, deficient, not applicable, or not checked."""

    def __init__(self, *args: Any, rows: list[Row], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row.key] = forms.ChoiceField(
                label=row.label, choices=FINDINGS, required=False, help_text=row.explained
            )

    def findings(self) -> dict[str, str]:
        """What Inspection.checklist records: the rows checked, by key."""
        return {key: value for key, value in self.cleaned_data.items() if value}
