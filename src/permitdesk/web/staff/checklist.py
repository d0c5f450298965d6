"""The inspector's checklist for one unit: the pack's checklist items (checklist.yaml), one row
per item, or per bedroom / basement bedroom where the item says so, each with its citation,
the standard it is checked against, and what the case file holds on the bedroom.

On a phone the row shows the item, its standard and what is on file; the citation and the
pack's note wait behind a "Why" toggle (issue 20: the citations made the form 4,312 px tall).
"All others meet" records every row left unchecked as meeting the requirement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from permitdesk.law.pack import Pack
from permitdesk.law.schema import ChecklistItem
from permitdesk.records.models import Bedroom
from permitdesk.rules.checklist import row_key, row_label

FINDINGS = [
    ("", "Not checked"),
    ("meets", "Meets"),
    ("deficient", "Deficient"),
    ("not-applicable", "Not applicable"),
]
ALL_OTHERS_MEET = "all_others_meet"
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
    def hint(self) -> str:
        """What the inspector checks against, shown with the item: the standard, what is on
        file."""
        parts = [f"Standard: {self.standard}"] if self.standard else []
        parts += [f"On file: {self.on_file}"] if self.on_file else []
        return " · ".join(parts)

    @property
    def why(self) -> str:
        """The citation and the pack's note: behind the row's "Why" toggle."""
        return " · ".join([self.citation, *([f"Note: {self.note}"] if self.note else [])])


def _standard(pack: Pack, item: ChecklistItem, on: dt.date) -> str | None:
    if item.standard is None:
        return None
    value = pack.term(item.standard, on)
    words = STANDARD_WORDS.get(item.standard, "{value}")
    return (
        words.format(value=value) + f" ({pack.cite(pack.term_version(item.standard, on).citation)})"
    )


def _sqft(value: Decimal) -> str:
    return f"{value.normalize():f} sq ft"


def _on_file(room: Bedroom, key: str, per: str) -> str:
    """What the case file holds on the bedroom that bears on this item, in a few words: its
    egress opening (a basement bedroom's item), its smoke alarm, its area (the checklist's
    required item keys, tests/law/test_checklists.py), or all three."""
    opening = room.egress_opening_sqft
    egress = f"egress opening {_sqft(opening)}" if opening else "no egress opening on file"
    alarm = "smoke alarm" if room.smoke_alarm else "no smoke alarm"
    if per == "basement-bedroom":
        return egress
    if "smoke-alarm" in key:
        return alarm
    if "area" in key:
        return _sqft(room.area_sqft)
    return "; ".join([_sqft(room.area_sqft), *([egress] if room.basement else []), alarm])


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
                    row_key(key, number),
                    row_label(item.label, number),
                    citation,
                    item.note,
                    standard,
                    _on_file(room, key, item.per),
                )
            )
    return rows


class ChecklistForm(forms.Form):
    """One choice per row: meets, deficient, not applicable, or not checked; and the shortcut
    that records every row left unchecked as meeting the requirement."""

    def __init__(self, *args: Any, rows: list[Row], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row.key] = forms.ChoiceField(
                label=row.label, choices=FINDINGS, required=False, help_text=row.hint
            )
        self.fields[ALL_OTHERS_MEET] = forms.BooleanField(
            label="All others meet (every item left \u201cNot checked\u201d)",
            required=False,
        )

    def items(self) -> list[tuple[forms.BoundField, Row]]:
        """Each row's field beside its row (label, hint, why)."""
        return [(self[row.key], row) for row in self.rows]

    def findings(self) -> dict[str, str]:
        """What Inspection.checklist records: the rows checked, by key (with "all others
        meet", every row)."""
        others = "meets" if self.cleaned_data.get(ALL_OTHERS_MEET) else ""
        found = {row.key: self.cleaned_data.get(row.key) or others for row in self.rows}
        return {key: value for key, value in found.items() if value}
