"""The tenant's copy of the permit, as the city mails it: one letter a page, addressed for a
window envelope, and one PDF with a day's letters for the clerk to print at once.

Clayton's process: "we will both e-mail the issued permit to the managing agent and mail a copy
to the tenant/(s.)" A jurisdiction whose pack does not list mail-to-tenants mails no letters.
"""

from __future__ import annotations

import datetime as dt

from permitdesk.cases.models import Occupant, Permit
from permitdesk.documents.layout import Sheet, long_date, pdf_bytes
from permitdesk.documents.permit import address_lines, load_many, occupants_of, write_permit
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local, zone

TITLE = "Occupancy Permit: Tenant Copy"
MAILED_KINDS = (Permit.Kind.STANDARD, Permit.Kind.AMENDED, Permit.Kind.CONDITIONAL)
# A #10 window envelope shows the address 7/8 inch from the left, 2 inches from the top.
ADDRESS_X, ADDRESS_Y, ADDRESS_W = 22.0, 50.0, 95.0


class NoLetters(LookupError):
    """The jurisdiction does not mail permits to tenants."""


def mails_to_tenants(pack: Pack, on: dt.date) -> bool:
    return pack.has_term("permit_delivery") and "mail-to-tenants" in pack.names(
        "permit_delivery", on
    )


def day_bounds(pack: Pack, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of `day` and of the next, in the jurisdiction's zone."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone(pack))
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone(pack))
    return start, end


def permits_to_mail(
    jurisdiction: Jurisdiction, day: dt.date, last: dt.date | None = None
) -> list[Permit]:
    """The permits issued on `day` (through `last`, local) whose copy goes to the tenants,
    in issue order: two queries, however many."""
    pack = get_pack(jurisdiction.slug)
    if not mails_to_tenants(pack, last or day):
        raise NoLetters(f"{pack.name} does not mail permits to tenants")
    start, _ = day_bounds(pack, day)
    _, end = day_bounds(pack, last or day)
    return load_many(
        Permit.objects.filter(
            application__jurisdiction=jurisdiction,
            issued_at__gte=start,
            issued_at__lt=end,
            kind__in=MAILED_KINDS,
        ).order_by("issued_at", "pk")
    )


def _names(occupants: list[Occupant]) -> str:
    return ", ".join(f"{o.first_name} {o.last_name}" for o in occupants) or "The occupants"


def _write_letter(sheet: Sheet, permit: Permit, pack: Pack, day: dt.date) -> None:
    sheet.add_page()
    sheet.reference = permit.number  # the footer of this page, printed at the next page
    sheet.set_font("helvetica", "", 10)
    sheet.cell(0, 5, long_date(day), align="R")
    occupants = occupants_of(permit)
    sheet.set_xy(ADDRESS_X, ADDRESS_Y)
    sheet.set_font("helvetica", "", 11)
    lines = [_names(occupants), *address_lines(permit.application.unit)]
    sheet.multi_cell(ADDRESS_W, 5.5, "\n".join(lines), align="L")
    sheet.set_xy(sheet.l_margin, max(sheet.get_y() + 8, ADDRESS_Y + 30))
    sheet.paragraph(
        f"{pack.name} has issued occupancy permit {permit.number} for your home. This letter "
        "is your copy; keep it with your records."
    )
    if pack.has_term("school_registration_uses_permit") and pack.term(
        "school_registration_uses_permit", day
    ):
        sheet.paragraph(
            "If your children will attend a Clayton school, the Clayton School District asks "
            "for a copy of this permit when you register them."
        )
        sheet.citation(
            pack.cite(pack.term_version("school_registration_uses_permit", day).citation)
        )
    sheet.rule()
    write_permit(sheet, permit, pack, compact=True)


def render_tenant_letters(
    jurisdiction: Jurisdiction, day: dt.date, last: dt.date | None = None
) -> tuple[str, bytes]:
    """One PDF with every tenant letter of `day` (through `last`: a clerk's print run for a
    period), a page each, each dated the day its permit was issued (a page saying there are
    none for a period without any, so the clerk's print run is never an error)."""
    pack = get_pack(jurisdiction.slug)
    end = last or day
    permits = permits_to_mail(jurisdiction, day, end)
    start, _ = day_bounds(pack, day)
    one_day = end == day
    span = day.isoformat() if one_day else f"{day.isoformat()}-to-{end.isoformat()}"
    sheet = Sheet(jurisdiction=pack.name, title=TITLE, reference=span, dated=start)
    sheet.numbered_pages = False
    for permit in permits:
        _write_letter(sheet, permit, pack, local(pack, permit.issued_at).date())
    if not permits:
        sheet.add_page()
        when = f"on {long_date(day)}" if one_day else f"from {long_date(day)} to {long_date(end)}"
        sheet.paragraph(f"No occupancy permits were issued {when}: there are no letters to mail.")
    return f"tenant-letters-{jurisdiction.slug}-{span}.pdf", pdf_bytes(sheet)
