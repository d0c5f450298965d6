"""The notice of violations after a failed inspection: each violation with its code citation,
what must be corrected, its severity and the date it sets to correct by (with the basis of
the period), the checklist item it fails (where the inspector recorded it from the
checklist), its photo if one was taken, captioned with its item, how to request the
re-inspection, and the correction date of a conditional permit."""

from __future__ import annotations

import datetime as dt

from permitdesk.cases.models import Inspection, Permit, Violation
from permitdesk.documents.layout import Sheet, long_date, long_moment, pdf_bytes
from permitdesk.documents.permit import address_lines, unit_line
from permitdesk.documents.reinspection import reinspection_rules
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.rules.answers import penalty
from permitdesk.rules.calendar import local
from permitdesk.rules.checklist import label_of
from permitdesk.rules.violations import correction

TITLE = "Notice of Violations"


class NoNotice(LookupError):
    """The inspection did not fail, so it has no violation notice."""


def load(inspection_id: int) -> Inspection:
    """The failed inspection, its case, violations and any conditional permit: three queries."""
    inspection = (
        Inspection.objects.select_related(
            "application__jurisdiction", "application__unit__property", "inspector"
        )
        .prefetch_related("violations")
        .get(pk=inspection_id)
    )
    if inspection.result != Inspection.Result.FAILED or inspection.completed_at is None:
        raise NoNotice(f"inspection {inspection_id} did not fail: it has no violation notice")
    return inspection


def _inspector(inspection: Inspection) -> str:
    person = inspection.inspector
    if person is None:
        return "-"
    return person.get_full_name() or person.get_username()


def _correct_by(pack: Pack, violation: Violation, on: dt.date) -> str:
    if violation.correct_by is None:
        return "-"
    level = pack.severities(on).get(violation.severity)
    label = level.label if level is not None else violation.severity
    return f"{long_date(violation.correct_by)} ({label})"


def _periods(sheet: Sheet, pack: Pack, violations: list[Violation], on: dt.date) -> None:
    """The basis of each correction period used: its days, citation and whose choice it is."""
    used = list(dict.fromkeys(v.severity for v in violations if v.correct_by is not None))
    known = pack.severities(on)
    for key in (k for k in used if k in known):
        found = correction(pack, key, on)
        sheet.paragraph(f"{found.label}: correct within {found.days} days of the inspection.")
        sheet.citation(" · ".join([found.citation, *([found.note] if found.note else [])]))


def _item(pack: Pack, violation: Violation, on: dt.date) -> str:
    """The checklist item the violation fails, in words; "-" for one found apart from it."""
    return label_of(pack, violation.checklist_item, on) if violation.checklist_item else "-"


def _photos(sheet: Sheet, pack: Pack, violations: list[Violation], on: dt.date) -> None:
    """Each violation's photo under its number and item; one that cannot be read is named,
    not drawn."""
    taken = [(n, v) for n, v in enumerate(violations, start=1) if v.photo]
    if taken:
        sheet.heading("Photos")
    for n, v in taken:
        item = _item(pack, v, on)
        caption = f"Violation {n}" + (f" ({item})" if item != "-" else "")
        try:
            with v.photo.open("rb") as stored:
                sheet.photo(stored.read(), f"{caption}: {v.code_citation}")
        except (OSError, ValueError, RuntimeError) as problem:
            sheet.paragraph(
                f"Violation {n}: the photo could not be read ({type(problem).__name__})."
            )


def render_violation_notice(inspection_id: int) -> tuple[str, bytes]:
    inspection = load(inspection_id)
    application = inspection.application
    pack = get_pack(application.jurisdiction.slug)
    done = local(pack, inspection.completed_at or application.submitted_at)
    on = done.date()
    reference = f"{application.pk}-{inspection.number}"
    sheet = Sheet(jurisdiction=pack.name, title=TITLE, reference=reference, dated=done)
    sheet.add_page()
    sheet.field("Address", "\n".join(address_lines(application.unit)))
    sheet.field("Unit", unit_line(application.unit))
    sheet.field("Case", str(application.pk))
    visit = (
        "Initial inspection"
        if inspection.number == 1
        else (f"Re-inspection {inspection.number - 1} (visit {inspection.number})")
    )
    sheet.field("Inspection", visit)
    sheet.field("Inspected", long_moment(done))
    sheet.field("Inspector", _inspector(inspection))
    sheet.field("Result", "Failed: the violations below must be corrected")
    violations = sorted(inspection.violations.all(), key=lambda v: v.pk)
    sheet.heading(f"Violations ({len(violations)})")
    sheet.grid(
        [
            "#",
            "Checklist item",
            "Code citation",
            "Violation",
            "What must be corrected",
            "Correct by",
        ],
        [
            [
                str(n),
                _item(pack, v, on),
                v.code_citation,
                v.description,
                v.correction or "Correct the condition described.",
                _correct_by(pack, v, on),
            ]
            for n, v in enumerate(violations, start=1)
        ],
        [8.0, 26.0, 28.0, 40.0, 42.0, 32.0],
    )
    _periods(sheet, pack, violations, on)
    _photos(sheet, pack, violations, on)
    conditional = (
        Permit.objects.filter(application=application, kind=Permit.Kind.CONDITIONAL)
        .order_by("-issued_at")
        .first()
    )
    if conditional is not None and conditional.correction_due_on:
        sheet.heading("Correction date")
        sheet.paragraph(
            f"Conditional permit {conditional.number} lets the occupant stay while repairs "
            f"are made. Correct these deficiencies by {long_date(conditional.correction_due_on)}.",
            style="B",
        )
        if pack.has_term("conditional_permit_conditions"):
            sheet.citation(
                pack.cite(pack.term_version("conditional_permit_conditions", on).citation)
            )
    fine = penalty(pack, on)
    if fine.words:
        sheet.heading("Penalty")
        sheet.paragraph(f"Any person convicted of violating the ordinance: {fine.words}")
        if fine.citation:
            sheet.citation(fine.citation)
    sheet.heading("How to request the re-inspection")
    for rule in reinspection_rules(pack, application, inspection.number + 1, on):
        sheet.paragraph(rule.text)
        if rule.citation:
            sheet.citation(rule.citation)
    return f"violation-notice-{reference}.pdf", pdf_bytes(sheet)
