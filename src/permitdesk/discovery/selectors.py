"""The discovery reads: a jurisdiction's live leads, oldest first, and its review queue, each
one query (their related rows joined), capped for the page; one lead or record by id."""

from __future__ import annotations

from django.db.models import QuerySet

from permitdesk.accounts.permissions import NotFound
from permitdesk.discovery.models import ChangeEvidence, Lead
from permitdesk.records.models import Jurisdiction

SHOWN = 50


def live_leads(place: Jurisdiction) -> QuerySet[Lead]:
    """Open and escalated leads, oldest first (the lead_queue index)."""
    return (
        Lead.objects.filter(jurisdiction=place, status__in=Lead.LIVE)
        .select_related("evidence", "property", "unit")
        .order_by("opened_at", "id")
    )


def to_review(place: Jurisdiction) -> QuerySet[ChangeEvidence]:
    """Records with a near match to confirm or reject, earliest recorded first."""
    return (
        ChangeEvidence.objects.filter(jurisdiction=place, match=ChangeEvidence.Match.REVIEW)
        .select_related("candidate")
        .order_by("recorded_on", "id")
    )


def lead_of(place: Jurisdiction, pk: int) -> Lead:
    found = Lead.objects.filter(jurisdiction=place, pk=pk).select_related(
        "evidence", "property", "unit", "jurisdiction"
    )
    lead = found.first()
    if lead is None:
        raise NotFound(f"lead {pk} not found")
    return lead


def record_of(place: Jurisdiction, pk: int) -> ChangeEvidence:
    found = ChangeEvidence.objects.filter(jurisdiction=place, pk=pk).first()
    if found is None:
        raise NotFound(f"record {pk} not found")
    return found
