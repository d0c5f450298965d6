"""The occupancy permit: its number and kind, the unit, the occupants as the jurisdiction
requires them, its dates and the rule that ends it, and a QR code to the public verification
page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from permitdesk.cases.models import Occupant, Permit
from permitdesk.documents.layout import Sheet, long_date, pdf_bytes
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Unit
from permitdesk.rules.calendar import local

TITLES = {
    Permit.Kind.STANDARD: "Occupancy Permit",
    Permit.Kind.TEMPORARY: "Temporary Occupancy Permit",
    Permit.Kind.CONDITIONAL: "Temporary Conditional Occupancy Permit",
    Permit.Kind.AMENDED: "Amended Occupancy Permit",
}
QR_SIZE = 40.0  # mm: scans from a phone held at arm's length over a printed page

# The term that says what a permit states of its occupants, most specific first: the village
# lists names, ages, relationships and number (§1.C); Clayton names each tenant, children and
# unrelated residents included; St. Louis County needs the occupants' names; St. Clair's
# occupant applies for the permit in person.
OCCUPANT_TERMS = (
    "permit_content",
    "occupants_required",
    "occupant_naming_window",
    "permit_applicant",
)


def verify_url(permit: Permit) -> str:
    """The public verification page of `permit` (web's `verify-token`): the QR code's payload."""
    return f"{settings.PUBLIC_URL}/verify/{permit.verification_token}/"


@dataclass(frozen=True)
class Rule:
    """A sentence the document states, and the ordinance sentence behind it ("" if none)."""

    text: str
    citation: str = ""


@dataclass(frozen=True)
class OccupantList:
    ages: bool
    relationships: bool
    number: bool
    citation: str


def occupant_list(pack: Pack, on: dt.date) -> OccupantList:
    """Which occupant facts the permit states, and the pack sentence that asks for them."""
    for name in OCCUPANT_TERMS:
        if pack.has_term(name):
            content = pack.names("permit_content", on) if name == "permit_content" else []
            return OccupantList(
                ages="ages" in content,
                relationships="relationships" in content,
                number="number-of-occupants" in content,
                citation=pack.cite(pack.term_version(name, on).citation),
            )
    return OccupantList(False, False, False, "")


def _term(pack: Pack, name: str, on: dt.date) -> str:
    return pack.cite(pack.term_version(name, on).citation)


def end_rules(pack: Pack, permit: Permit, on: dt.date) -> list[Rule]:
    """What ends this permit, each with the pack sentence that says so."""
    rules: list[Rule] = []
    if permit.kind == Permit.Kind.TEMPORARY:
        if pack.has_term("temporary_permit_ends"):
            rules.append(
                Rule(
                    "Expires upon the issuance of a certificate of occupancy for the premises.",
                    _term(pack, "temporary_permit_ends", on),
                )
            )
        return rules
    if permit.kind == Permit.Kind.CONDITIONAL:
        due = long_date(permit.correction_due_on) if permit.correction_due_on else "the date set"
        if pack.has_term("conditional_permit_conditions"):
            rules.append(
                Rule(
                    f"The owner has stated the deficiencies will be corrected by {due}; "
                    "the occupant may occupy the unit while the repairs are made.",
                    _term(pack, "conditional_permit_conditions", on),
                )
            )
        if pack.has_term("conditional_permit_completion_notice"):
            rules.append(
                Rule(
                    "The occupant notifies the Village Clerk when the repairs are completed; "
                    "the occupancy permit is issued once the unit complies.",
                    _term(pack, "conditional_permit_completion_notice", on),
                )
            )
        return rules
    if pack.has_term("permit_term") and permit.ends_on:
        years = pack.count("permit_term", on)
        rules.append(
            Rule(
                f"Ends {years} years after the original date of issue, on "
                f"{long_date(permit.ends_on)}.",
                _term(pack, "permit_term", on),
            )
        )
    if pack.has_term("permit_ends_on_change_of_tenancy") and pack.term(
        "permit_ends_on_change_of_tenancy", on
    ):
        rules.append(
            Rule(
                "Ends upon a change in tenancy; a new permit is then required.",
                _term(pack, "permit_ends_on_change_of_tenancy", on),
            )
        )
    if not rules:
        rules.append(
            Rule(
                f"{pack.name} sets no end date for this permit: it stays in force until "
                "it is ended or superseded."
            )
        )
    return rules


def unit_line(unit: Unit) -> str:
    return f"Unit {unit.label}" if unit.label else "The whole dwelling (no unit number)"


def address_lines(unit: Unit) -> list[str]:
    place = unit.property
    first = place.address + (f", Unit {unit.label}" if unit.label else "")
    return [first, f"{place.city}, {place.state} {place.zip_code}"]


def load_many(permits: QuerySet[Permit]) -> list[Permit]:
    """The permits with what their documents read: two queries (permits, occupants)."""
    return list(
        permits.select_related(
            "application__jurisdiction", "application__unit__property"
        ).prefetch_related("application__occupants")
    )


def load(permit_id: int) -> Permit:
    found = load_many(Permit.objects.filter(pk=permit_id))
    if not found:
        raise Permit.DoesNotExist(f"permit {permit_id} not found")
    return found[0]


def occupants_of(permit: Permit) -> list[Occupant]:
    return sorted(permit.application.occupants.all(), key=lambda o: o.pk)


def occupant_rows(listing: OccupantList, occupants: list[Occupant]) -> list[list[str]]:
    rows = []
    for number, person in enumerate(occupants, start=1):
        row = [str(number), f"{person.first_name} {person.last_name}"]
        if listing.ages:
            row.append("" if person.age is None else str(person.age))
        if listing.relationships:
            row.append(person.relationship)
        rows.append(row)
    return rows


def write_occupants(sheet: Sheet, listing: OccupantList, occupants: list[Occupant]) -> None:
    headings, widths = ["#", "Name"], [10.0, 90.0]
    if listing.ages:
        headings, widths = [*headings, "Age"], [*widths, 20.0]
    if listing.relationships:
        headings, widths = [*headings, "Relationship"], [*widths, 56.0]
    if occupants:
        sheet.grid(headings, occupant_rows(listing, occupants), widths)
    else:
        sheet.paragraph("No occupants are named on this permit.")
    if listing.number:
        sheet.field("Number of occupants", str(len(occupants)))
    if listing.citation:
        sheet.citation(listing.citation)


def _ends(permit: Permit) -> str:
    if permit.ends_on:
        return long_date(permit.ends_on)
    if permit.kind == Permit.Kind.TEMPORARY:
        return "When a certificate of occupancy is issued"
    return "No fixed date"


def _amends(permit: Permit) -> str:
    """The permit this amended one superseded: the one issued just before it on the case."""
    earlier = (
        Permit.objects.filter(application_id=permit.application_id, issued_at__lte=permit.issued_at)
        .exclude(pk=permit.pk)
        .order_by("-issued_at", "-pk")
        .values_list("number", flat=True)
        .first()
    )
    return f"Permit {earlier}, superseded" if earlier else "-"


def write_permit(sheet: Sheet, permit: Permit, pack: Pack, *, compact: bool = False) -> None:
    """The permit's body on the current page of `sheet`; `compact` (the tenant letter, which
    must fit its page) puts the verification address in one line instead of a section."""
    application = permit.application
    issued = local(pack, permit.issued_at)
    on = issued.date()
    top = sheet.get_y()
    sheet.qr(verify_url(permit), x=sheet.w - sheet.r_margin - QR_SIZE, y=top, size=QR_SIZE)
    beside_qr = sheet.w - sheet.l_margin - sheet.r_margin - QR_SIZE - 4 - 48
    sheet.field("Permit number", permit.number, width=beside_qr)
    sheet.field("Kind", permit.get_kind_display().capitalize(), width=beside_qr)
    sheet.field("Jurisdiction", pack.name, width=beside_qr)
    sheet.field("Address", "\n".join(address_lines(application.unit)), width=beside_qr)
    sheet.field("Unit", unit_line(application.unit), width=beside_qr)
    sheet.field("Issued", long_date(on), width=beside_qr)
    sheet.field("Ends", _ends(permit), width=beside_qr)
    if permit.kind == Permit.Kind.AMENDED:
        sheet.field("Amends", _amends(permit), width=beside_qr)
    if permit.kind == Permit.Kind.CONDITIONAL and permit.correction_due_on:
        sheet.field("Correct by", long_date(permit.correction_due_on), width=beside_qr)
    if permit.evidence:
        sheet.field("Evidence shown", permit.evidence.replace("-", " "), width=beside_qr)
    below_fields = sheet.get_y()
    sheet.set_font("helvetica", "", 7)
    sheet.set_xy(sheet.w - sheet.r_margin - QR_SIZE, top + QR_SIZE)
    sheet.cell(QR_SIZE, 4, "Scan to verify", align="C")
    sheet.set_xy(sheet.l_margin, max(below_fields, top + QR_SIZE + 6))
    sheet.ln(2)
    if permit.ended_at is not None:
        ended = long_date(local(pack, permit.ended_at).date())
        reason = (permit.end_reason or "ended").replace("-", " ")
        sheet.banner(f"ENDED on {ended}: {reason}. No longer in force.")
    if permit.kind == Permit.Kind.TEMPORARY:
        sheet.banner("This temporary permit does not authorize any person to occupy the premises.")
        if pack.has_term("temporary_permit_authorizes_occupancy"):
            sheet.citation(_term(pack, "temporary_permit_authorizes_occupancy", on))
        if pack.has_term("temporary_permit_requires_utilities_in_owner_name"):
            sheet.paragraph(
                "The owner or agent places all utilities in their name and assumes financial "
                "responsibility for them."
            )
            sheet.citation(_term(pack, "temporary_permit_requires_utilities_in_owner_name", on))
    else:
        sheet.heading("Occupants")
        write_occupants(sheet, occupant_list(pack, on), occupants_of(permit))
    sheet.heading("When this permit ends")
    for rule in end_rules(pack, permit, on):
        sheet.paragraph(rule.text)
        if rule.citation:
            sheet.citation(rule.citation)
    if compact:
        sheet.citation(f"Check that this permit is in force: {verify_url(permit)}")
        return
    sheet.heading("Verify this permit")
    sheet.paragraph(
        f"Scan the code or open {verify_url(permit)} to see whether this permit is in force. "
        f"You may also enter the permit number at {settings.PUBLIC_URL}/verify/."
    )


def render_permit(permit_id: int) -> tuple[str, bytes]:
    permit = load(permit_id)
    pack = get_pack(permit.application.jurisdiction.slug)
    sheet = Sheet(
        jurisdiction=pack.name,
        title=TITLES[Permit.Kind(permit.kind)],
        reference=permit.number,
        dated=permit.issued_at,
    )
    sheet.add_page()
    write_permit(sheet, permit, pack)
    return f"permit-{permit.number}.pdf", pdf_bytes(sheet)
