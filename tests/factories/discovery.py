"""Discovery's records for the tests of other areas (the permission matrix, the pages): a
Clayton lead, opened by the sweep's service, and a sale waiting in the review queue."""

from __future__ import annotations

import datetime as dt

from permitdesk.discovery.leads import open_due_leads
from permitdesk.discovery.models import ChangeEvidence, Lead
from tests.factories.records import jurisdiction, unit
from tests.moments import central

SLUG = "clayton-mo"


def sale(address: str, **fields: object) -> ChangeEvidence:
    """A recorded sale of Clayton (a 3-unit building's unit: the schedule's prior-to-sale
    rule covers it), recorded 2026-11-02, due the same day."""
    recorded = dt.date(2026, 11, 2)
    values: dict[str, object] = {
        "jurisdiction": jurisdiction(SLUG),
        "source": ChangeEvidence.Source.SALE,
        "natural_key": f"{address}|{recorded}",
        "imported_from": "sales.csv:2",
        "recorded_on": recorded,
        "deed_type": "warranty",
        "counted": True,
        "grantee": "Ann Buyer",
        "grantee_email": "ann@example.test",
        "address": address,
        "street_key": address.upper(),
        "number": address.split()[0],
        "street": " ".join(address.upper().split()[1:]),
        "mailing_address": "4 Far Away Ct, Chesterfield, MO 63017",
        "due_on": recorded,
        "answered_from": recorded - dt.timedelta(days=30),
        "created_at": central("2026-11-02 09:00"),
        **fields,
    }
    return ChangeEvidence.objects.create(**values)


def lead_and_review() -> tuple[Lead, ChangeEvidence]:
    home = unit(SLUG, "apartment", 3, parcel="SOLD-1")
    sale(
        "10 N Central Ave",
        match=ChangeEvidence.Match.PARCEL,
        property=home.property,
        unit=home,
        covered=True,
        possible_rental=True,
    )
    near = unit(SLUG, "apartment", 3, parcel="NEAR-1")
    review = sale(
        "10 N Centrl Ave",
        match=ChangeEvidence.Match.REVIEW,
        candidate=near.property,
        match_score=93,
    )
    open_due_leads(jurisdiction=jurisdiction(SLUG), now=central("2026-11-18 09:00"))
    return Lead.objects.get(evidence__address="10 N Central Ave"), review
