"""The violation each checklist row carries when the inspector finds it deficient (issue 20:
a violation was entered apart from the item it fails). The row's block comes pre-filled from
the row: its citation, what is wrong (the item and what is on file), and what must be
corrected (the item's standard, where the pack sets one); the inspector picks the severity,
whose period in the pack sets the date to correct by, and may add a photo. Only the rows
recorded as deficient are read; each becomes a violation tied to its row's key."""

from __future__ import annotations

from typing import Any

from django.forms import ChoiceField
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.web.staff.checklist import ChecklistForm, Row
from permitdesk.web.staff.inspection_forms import ViolationForm

CITATION_LENGTH = 200  # Violation.code_citation


def initial(row: Row) -> dict[str, str]:
    citation = row.citation
    if len(citation) > CITATION_LENGTH:
        citation = citation[: CITATION_LENGTH - 1] + "\u2026"
    wrong = f"{row.label}: deficient" + (f" (on file: {row.on_file})" if row.on_file else "")
    standard = row.standard or "the requirement of the checklist"
    return {
        "code_citation": citation,
        "description": wrong,
        "correction": f"Bring it up to the standard: {standard}.",
    }


def row_forms(
    data: QueryDict | None,
    files: MultiValueDict[str, Any] | None,
    rows: list[Row],
    severities: dict[str, tuple[str, int]],
) -> list[tuple[Row, ViolationForm]]:
    """A violation form for each row, pre-filled from it (prefix `fail-<row key>`). A post that
    leaves out a row's pre-filled fields (a browser sends them; a script may not) reads as
    if it sent them as pre-filled."""
    if data is not None:
        data = data.copy()
        for row in rows:
            for name, value in initial(row).items():
                data.setdefault(f"fail-{row.key}-{name}", value)
    return [
        (
            row,
            # No `required` in the HTML: the block of a row not deficient is hidden and unread.
            ViolationForm(
                data,
                files,
                prefix=f"fail-{row.key}",
                initial=initial(row),
                severities=severities,
                use_required_attribute=False,
            ),
        )
        for row in rows
    ]


def deficient(
    checklist: ChecklistForm, forms: list[tuple[Row, ViolationForm]]
) -> list[tuple[Row, ViolationForm]]:
    """The rows recorded as deficient, with their violation forms (a valid checklist)."""
    found = checklist.findings()
    return [(row, form) for row, form in forms if found.get(row.key) == "deficient"]


def settle(
    checklist: ChecklistForm, forms: list[tuple[Row, ViolationForm]]
) -> list[tuple[Row, ViolationForm]]:
    """After a post: the rows not deficient get their pre-filled form again, unbound, so the
    page shows no error in a block that was not read."""
    chosen = {row.key for row, _ in deficient(checklist, forms)}
    return [(row, form if row.key in chosen else _fresh(form, row)) for row, form in forms]


def _fresh(form: ViolationForm, row: Row) -> ViolationForm:
    severity = form.fields["severity"]
    assert isinstance(severity, ChoiceField)
    fresh = ViolationForm(prefix=form.prefix, initial=initial(row), use_required_attribute=False)
    fresh.fields["severity"] = severity
    return fresh


def valid(checklist: ChecklistForm, forms: list[tuple[Row, ViolationForm]]) -> bool:
    """Whether each deficient row's violation is complete (the others are not read)."""
    # A list, not a generator: every block is validated, so each shows its own errors.
    return all([form.is_valid() for _, form in deficient(checklist, forms)])  # noqa: C419


def inputs(
    checklist: ChecklistForm, forms: list[tuple[Row, ViolationForm]]
) -> list[ViolationInput]:
    """The deficient rows' violations, each tied to its row."""
    return [
        ViolationInput(
            form.cleaned_data["code_citation"],
            form.cleaned_data["description"],
            form.cleaned_data["correction"],
            form.cleaned_data["photo"],
            form.cleaned_data["severity"],
            checklist_item=row.key,
        )
        for row, form in deficient(checklist, forms)
    ]
