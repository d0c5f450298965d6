"""The review queue: a near match (or none) that staff confirm to a property and unit, or
reject as no property here. Each a service with its audit event, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.permissions import require_staff
from permitdesk.discovery.audit import Audit
from permitdesk.discovery.leads import STAFF
from permitdesk.discovery.matching import mark_covered
from permitdesk.discovery.models import ChangeEvidence
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Property, Unit
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused

Match = ChangeEvidence.Match
REVIEWABLE = (Match.REVIEW, Match.UNMATCHED)


def _locked(evidence: ChangeEvidence, actor: User) -> ChangeEvidence:
    require_staff(actor, evidence.jurisdiction_id, STAFF)
    locked = ChangeEvidence.objects.select_for_update().select_related("jurisdiction")
    found = locked.get(pk=evidence.pk)
    if found.match not in REVIEWABLE:
        raise Refused(
            f"the record is {found.get_match_display()}: only one to review or unmatched is "
            "confirmed or rejected here",
            code="not-in-review",
            field="match",
        )
    return found


def confirm_match(
    *, evidence: ChangeEvidence, actor: User, parcel_id: str, unit_label: str, now: dt.datetime
) -> ChangeEvidence:
    """Match the record to the jurisdiction's parcel `parcel_id` (and its unit `unit_label`;
    blank: the parcel's only unit, else the whole property)."""
    with transaction.atomic():
        evidence = _locked(evidence, actor)
        place = Property.objects.filter(
            jurisdiction_id=evidence.jurisdiction_id, parcel_id=parcel_id.strip()
        ).first()
        if place is None:
            raise Refused(
                f"parcel '{parcel_id}' is not recorded in {evidence.jurisdiction.slug}",
                code="parcel-unknown",
                field="parcel_id",
            )
        units = list(Unit.objects.filter(property=place).order_by("label"))
        unit = next((u for u in units if u.label == unit_label.strip()), None)
        if unit_label.strip() and unit is None:
            labels = ", ".join(u.label or "(blank)" for u in units)
            raise Refused(
                f"unit '{unit_label}' is not a unit of parcel {parcel_id}: one of: {labels}",
                code="unit-unknown",
                field="unit_label",
            )
        if unit is None and len(units) == 1:
            unit = units[0]
        before = {"match": evidence.match, "candidate": evidence.candidate_id}
        evidence.match, evidence.property, evidence.unit = Match.CONFIRMED, place, unit
        evidence.save(update_fields=["match", "property", "unit"])
        on = local(get_pack(evidence.jurisdiction.slug), now).date()
        mark_covered(ChangeEvidence.objects.filter(pk=evidence.pk), evidence.jurisdiction, on)
        evidence.refresh_from_db(fields=["covered"])
        after = {"match": evidence.match, "property": place.pk, "unit": unit and unit.pk}
        Audit(actor, now, evidence.jurisdiction.slug).record(
            "discovery.match-confirmed", evidence, before, after
        )
    return evidence


def reject_match(*, evidence: ChangeEvidence, actor: User, now: dt.datetime) -> ChangeEvidence:
    """No property here matches the record: it leaves the review queue as unmatched."""
    with transaction.atomic():
        evidence = _locked(evidence, actor)
        if evidence.match != Match.REVIEW:
            raise Refused(
                "the record is already unmatched", code="already-unmatched", field="match"
            )
        before = {"match": evidence.match, "candidate": evidence.candidate_id}
        evidence.match, evidence.candidate = Match.UNMATCHED, None
        evidence.save(update_fields=["match", "candidate"])
        after = {"match": evidence.match}
        Audit(actor, now, evidence.jurisdiction.slug).record(
            "discovery.match-rejected", evidence, before, after
        )
    return evidence
