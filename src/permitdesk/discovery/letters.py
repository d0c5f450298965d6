"""The letter to the buyer of a property sold with no application (or, for a change residents
reported, to the owner: what was reported, never who reported it): addressed to the owner's
mailing address and to the site ("Occupant"), citing the ordinance's requirement and the
days the pack allows. The same words are the e-mail's body where the sale gave an e-mail
address, and the PDF (permitdesk.documents' Sheet) the clerk prints for the post."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from permitdesk.cases.services.base import case_file
from permitdesk.discovery.models import ChangeEvidence, Lead, Report
from permitdesk.documents.layout import Sheet, long_date, pdf_bytes
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Relation
from permitdesk.rules.calendar import zone
from permitdesk.rules.case_facts import eligibility_facts
from permitdesk.rules.eligibility import eligibility

TITLE = "Notice: Occupancy Permit Required After a Sale"


def site_lines(lead: Lead) -> list[str]:
    place = lead.property
    unit = f" Unit {lead.unit.label}" if lead.unit and lead.unit.label else ""
    return [f"{place.address}{unit}", f"{place.city}, {place.state} {place.zip_code}"]


def claim_url(lead: Lead) -> str:
    """The portal's claim form, filled in with the property's parcel and the buyer's relation:
    where the buyer starts (sign up or sign in, claim the property, then apply)."""
    query = urlencode(
        {
            "jurisdiction": lead.jurisdiction.slug,
            "parcel_id": lead.property.parcel_id,
            "kind": Relation.Kind.BUYER,
        }
    )
    return f"{settings.PUBLIC_URL}{reverse('web:claim-new')}?{query}"


def what_to_apply_for(lead: Lead, pack: Pack, on: dt.date) -> str:
    """The title of what the pack's rules call for after a sale of the lead's unit (or of the
    property's first unit, for a building sold whole), as the apply page names it."""
    unit = lead.unit or lead.property.units.order_by("pk").first()
    if unit is not None:
        filed = set(pack.case_items())
        findings = eligibility(pack, eligibility_facts(case_file(unit, "sale")), on).findings
        for finding in findings:
            if finding.fee_item in filed:
                return finding.title
    return "an occupancy permit"


def paragraphs(lead: Lead, pack: Pack) -> list[tuple[str, str]]:
    """The letter's paragraphs, each with the citation behind it ('' for none)."""
    sale = lead.evidence
    if sale.source == ChangeEvidence.Source.REPORT:
        return _reported(lead, pack)
    on = sale.recorded_on
    deadline = pack.term_version("sale_application_deadline", on)
    counted = pack.term_version("sale_discovery_counted_deeds", on)
    days = int(str(deadline.value))
    when = "on the day it was recorded" if days == 0 else f"within {days} days of its recording"
    return [
        (
            f"Our records show a {sale.deed_type.replace('-', ' ')} deed to {sale.grantee}, "
            f"recorded on {long_date(on)}, for {', '.join(site_lines(lead))}.",
            "",
        ),
        (
            f"{pack.name} requires an occupancy permit for this property after such a "
            f"transfer, and expects the application {when}. We have no application for it.",
            pack.cite(counted.citation),
        ),
        (
            "Please apply for the inspection and permit now (online or in person), or tell "
            "us why none is needed: for example, if the deed did not change who lives there.",
            pack.cite(deadline.citation),
        ),
        (
            f"To apply online, go to:\n{claim_url(lead)}\nCreate an account (or sign in) and "
            f"send the claim as the buyer of parcel {lead.property.parcel_id}. Then, on the "
            'property\'s page, choose "Apply for this unit" and "A sale of the property", and '
            f"submit the application for: {what_to_apply_for(lead, pack, on)}.",
            "",
        ),
        (f"Reference: lead {lead.pk}, file {sale.imported_from}.", ""),
    ]


def _reported(lead: Lead, pack: Pack) -> list[tuple[str, str]]:
    """A reported change's letter: what was reported and when, never who reported it."""
    change = lead.evidence
    on = change.recorded_on
    deadline = pack.term_version("sale_application_deadline", on)
    counted = pack.term_version("report_counted_changes", on)
    what = Report.Change(change.change_kind).label.lower() if change.change_kind else "a change"
    return [
        (
            f"We have been told of a change of occupancy at {', '.join(site_lines(lead))} "
            f"on or about {long_date(on)}: {what}.",
            "",
        ),
        (
            f"{pack.name} requires an occupancy permit for each change of occupancy. We have "
            "no application for this one.",
            pack.cite(counted.citation),
        ),
        (
            "Please apply for the inspection and permit now (online or in person), or tell "
            "us why none is needed: for example, if no one new lives there.",
            pack.cite(deadline.citation),
        ),
        (f"Reference: lead {lead.pk}.", ""),
    ]


def letter_text(lead: Lead) -> str:
    pack = get_pack(lead.jurisdiction.slug)
    body = []
    for text, citation in paragraphs(lead, pack):
        body.append(text + (f"\n  [{citation}]" if citation else ""))
    dear = lead.evidence.grantee or "Owner"  # a reported change names no buyer
    return f"Dear {dear},\n\n" + "\n\n".join(body) + f"\n\n{pack.name}\n"


def render_letter(lead: Lead, now: dt.datetime) -> tuple[str, bytes]:
    """The letter as a PDF: one page to the mailing address, one to the site (the occupant)."""
    pack = get_pack(lead.jurisdiction.slug)
    sheet = Sheet(
        jurisdiction=pack.name,
        title=TITLE,
        reference=f"lead {lead.pk}",
        dated=now.astimezone(zone(pack)),
    )
    sale = lead.evidence
    recipients = [[sale.grantee, *sale.mailing_address.split(",")]] if sale.mailing_address else []
    recipients.append(["Occupant", *site_lines(lead)])
    for lines in recipients:
        sheet.add_page()
        sheet.paragraph(long_date(now.astimezone(zone(pack)).date()))
        sheet.paragraph("\n".join(line.strip() for line in lines if line.strip()))
        sheet.heading(TITLE)
        for text, citation in paragraphs(lead, pack):
            sheet.paragraph(text)
            if citation:
                sheet.citation(citation)
    return f"lead-{lead.pk}-letter.pdf", pdf_bytes(sheet)
