"""Reads of what owners file outside a case: a building's uncorrected violations (Clayton's
prior-to-sale notice asks for the buyer's acknowledgement of them), an owner's own filings
on a property, and a jurisdiction's filings for its staff, newest first; and a filing's
uploaded copy, for those who may read it."""

from __future__ import annotations

from django.db.models import QuerySet

from permitdesk.accounts.permissions import Actor, NotFound, roles
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Violation
from permitdesk.cases.permissions import RECORDS_ON, own_property_ids
from permitdesk.cases.selectors.desks import CASE_WORKERS, staff_jurisdiction
from permitdesk.filings.models import PriorToSaleNotice, UploadedDocument, WrittenDisclosure

# A case in these states has had an inspection fail and has not passed since: its violations
# are not yet corrected (a pass moves the case to approved, then issued).
UNCORRECTED = (
    Application.Status.FAILED,
    Application.Status.CONDITIONAL,
    Application.Status.INSPECTION_REQUESTED,
)


def open_violation_count(property_id: int) -> int:
    """Violations noticed on the building's cases that no later inspection has passed."""
    return Violation.objects.filter(
        inspection__application__unit__property_id=property_id,
        inspection__application__status__in=UNCORRECTED,
    ).count()


def property_disclosures(property_id: int) -> QuerySet[WrittenDisclosure]:
    """The written disclosures recorded for the property's units, newest first (the caller
    has checked that the reader may see the property)."""
    return (
        WrittenDisclosure.objects.filter(unit__property_id=property_id)
        .select_related("unit")
        .order_by("-recorded_at", "-id")
    )


def property_sale_notices(property_id: int) -> QuerySet[PriorToSaleNotice]:
    """The property's prior-to-sale notices, newest first (the reader's check as above)."""
    return PriorToSaleNotice.objects.filter(building_id=property_id).order_by("-filed_at", "-id")


def disclosures(user: Actor, slug: str) -> QuerySet[WrittenDisclosure]:
    """The jurisdiction's written disclosures, newest first, for its clerks and code officials."""
    found = staff_jurisdiction(user, slug)
    return (
        WrittenDisclosure.objects.filter(unit__property__jurisdiction_id=found)
        .select_related("unit__property")
        .order_by("-recorded_at", "-id")
    )


def sale_notices(user: Actor, slug: str) -> QuerySet[PriorToSaleNotice]:
    """The jurisdiction's prior-to-sale notices, newest first, for its clerks and code
    officials."""
    found = staff_jurisdiction(user, slug)
    return (
        PriorToSaleNotice.objects.filter(building__jurisdiction_id=found)
        .select_related("building")
        .order_by("-filed_at", "-id")
    )


def property_change_reports(property_id: int) -> QuerySet[ChangeOfOccupancyReport]:
    """The village's change-of-occupancy reports on the property's units, newest first."""
    return (
        ChangeOfOccupancyReport.objects.filter(unit__property_id=property_id)
        .select_related("unit", "application")
        .order_by("-reported_at", "-id")
    )


def filed_document(user: Actor, kind: str, pk: int) -> UploadedDocument:
    """The uploaded copy of a filing (`kind`: "disclosure", the signed written disclosure;
    "sale-notice", the buyer's notarized acknowledgement), for the property's owner or managing
    agent and the jurisdiction's clerks and code officials. NotFound to anyone else, and where
    nothing was uploaded: a reader who may not see it is not told it exists."""
    found: UploadedDocument | None
    if kind == "disclosure":
        found = WrittenDisclosure.objects.select_related("unit__property").filter(pk=pk).first()
        place = found.unit.property if found is not None else None
    else:
        found = PriorToSaleNotice.objects.select_related("building").filter(pk=pk).first()
        place = found.building if found is not None else None
    if found is None or place is None or not found.file:
        raise NotFound(f"document {pk} not found")
    if place.pk in own_property_ids(user, RECORDS_ON):
        return found
    if roles(user, place.jurisdiction_id) & CASE_WORKERS:
        return found
    raise NotFound(f"document {pk} not found")
