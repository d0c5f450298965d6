"""The village's written disclosure (Ord. 08-457 §1.A): the form the seller or landlord (or
their agent, broker, attorney or manager) hands the buyer or renter before the contract is
signed, stating that occupancy and re-occupancy permits are required, with lines for who
discloses, to whom, the date and both signatures."""

from __future__ import annotations

import datetime as dt

from permitdesk.documents.layout import Sheet, long_date, pdf_bytes
from permitdesk.documents.permit import address_lines, unit_line
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Unit
from permitdesk.rules.calendar import local

TERM = "written_disclosure_statement"
BLANK = "_" * 46


def offers_disclosure(unit: Unit) -> bool:
    """Whether the unit's jurisdiction asks for a written disclosure."""
    return get_pack(unit.property.jurisdiction.slug).has_term(TERM)


def render_disclosure(unit: Unit, now: dt.datetime) -> tuple[str, bytes]:
    pack = get_pack(unit.property.jurisdiction.slug)
    at = local(pack, now)
    version = pack.term_version(TERM, at.date())
    sheet = Sheet(
        jurisdiction=pack.name,
        title="Disclosure of Occupancy Permit Requirement",
        reference=f"parcel {unit.property.parcel_id}",
        dated=at,
    )
    sheet.add_page()
    sheet.banner(str(version.value))
    sheet.citation(
        "Every person who conveys or rents property, and every real estate agent or broker, "
        "attorney or person acting on their behalf, shall disclose in writing to the person(s) "
        "to whom the property is being conveyed or rented that occupancy and re-occupancy "
        "permits are required for single-family residential dwelling units, prior to execution "
        f"of any written contract for conveyance or rental. ({pack.cite(version.citation)})"
    )
    sheet.heading("The property")
    sheet.field("Address", "\n".join(address_lines(unit)))
    sheet.field("Unit", unit_line(unit))
    sheet.field("Parcel", unit.property.parcel_id)
    sheet.heading("The conveyance or rental")
    sheet.field("Kind", "[  ] Sale or other conveyance      [  ] Rental")
    sheet.heading("Disclosed by (seller, landlord, agent, broker, attorney or manager)")
    sheet.field("Name", BLANK)
    sheet.field("Acting as", BLANK)
    sheet.field("Signature", BLANK)
    sheet.field("Date", BLANK)
    sheet.heading("Received by (buyer or renter)")
    sheet.paragraph(
        "I received this written disclosure before signing any written contract to buy or "
        "rent the property."
    )
    sheet.field("Name", BLANK)
    sheet.field("Signature", BLANK)
    sheet.field("Date", BLANK)
    sheet.citation(
        f"Form printed {long_date(at.date())}. Keep the signed form; record its receipt in the "
        "portal (the property's page), where a copy of it may be uploaded."
    )
    return f"disclosure-{unit.property.parcel_id}-{unit.pk}.pdf", pdf_bytes(sheet)
