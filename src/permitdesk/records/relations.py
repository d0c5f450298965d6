"""Who a person is to a property: claiming a relation (owner of record, managing agent,
buyer, tenant) with its evidence, the clerk verifying or refusing it, and ending it. One
function each, the change, its audit event and any e-mail in one transaction.

A parcel is recorded once (records.services.create_property); everyone else who acts for it
claims a relation to that one record. Who may apply as which relation is the pack's
(rules.relations)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.forms.models import model_to_dict

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, NotFound, roles
from permitdesk.audit.services import record
from permitdesk.law.loader import get_pack
from permitdesk.notices.compose import queue_notice
from permitdesk.records.checks import check_choice, check_text, served_jurisdiction
from permitdesk.records.models import Property, Relation, Unit
from permitdesk.rules.calendar import zone
from permitdesk.rules.lifecycle import Refused

DESK = {Role.CLERK, Role.CODE_OFFICIAL}
EVIDENCE_LIMIT = 2000
REASON_LIMIT = 2000
# What a claim other than the owner's names as its evidence (the brief's "the owner's
# authorisation for an agent, the sales contract for a buyer, the lease for a tenant").
EVIDENCE_NAMED: dict[str, str] = {
    Relation.Kind.MANAGING_AGENT: "the owner's authorisation",
    Relation.Kind.BUYER: "the sales contract",
    Relation.Kind.TENANT: "the lease",
}


RELATION_FIELDS = ("person", "property", "unit", "kind", "status", "evidence", "reason")


def relation_state(relation: Relation) -> dict[str, object]:
    """What the trail records of a relation, before and after a change (its person, property
    and unit by their ids)."""
    return model_to_dict(relation, fields=RELATION_FIELDS)


def _audit(
    relation: Relation, actor: User, action: str, now: dt.datetime, before: dict[str, object] | None
) -> None:
    record(
        actor=actor,
        action=action,
        obj=relation,
        at=now,
        before=before,
        after=relation_state(relation),
        jurisdiction_slug=relation.property.jurisdiction.slug,
    )


def start_relation(
    *,
    actor: User,
    place: Property,
    kind: str,
    evidence: str,
    now: dt.datetime,
    unit: Unit | None = None,
) -> Relation:
    """A claimed relation, written in the caller's transaction with its audit event (the
    first recorder's, inside create_property; claim_relation's)."""
    relation = Relation.objects.create(
        person=actor,
        property=place,
        unit=unit,
        kind=kind,
        status=Relation.Status.CLAIMED,
        evidence=evidence,
        claimed_at=now,
    )
    _audit(relation, actor, "claim-relation", now, None)
    return relation


def claim_relation(
    *,
    actor: User,
    jurisdiction_slug: str,
    parcel_id: str,
    kind: str,
    evidence: str,
    now: dt.datetime,
    unit_label: str | None = None,
) -> Relation:
    """`actor` claims to be the `kind` of a recorded parcel (or of its unit `unit_label`),
    naming their evidence; the jurisdiction's clerk verifies or refuses it. The staff of the
    jurisdiction claim nothing there (they decide claims)."""
    jurisdiction = served_jurisdiction(jurisdiction_slug)
    if roles(actor, jurisdiction.pk):
        raise Forbidden(
            "the staff of a jurisdiction decide claims there; they claim none", code="staff"
        )
    check_choice(kind, Relation.Kind.values, "kind")
    evidence = check_text(evidence, "evidence", EVIDENCE_LIMIT)
    if not evidence and kind in EVIDENCE_NAMED:
        raise Refused(
            f"a {kind.replace('-', ' ')}'s claim names its evidence: {EVIDENCE_NAMED[kind]} "
            "(what it is, its date, its reference)",
            code="required",
            field="evidence",
        )
    parcel_id = parcel_id.strip()
    if not parcel_id:
        raise Refused("a claim names the parcel id", code="required", field="parcel_id")
    with transaction.atomic():
        place = (
            # the parcel's row only (not its jurisdiction's): one claim at a time per parcel
            Property.objects.select_for_update(of=("self",))
            .select_related("jurisdiction")
            .filter(jurisdiction=jurisdiction, parcel_id=parcel_id)
            .first()
        )
        if place is None:
            raise Refused(
                f"parcel {parcel_id} is not recorded in {jurisdiction}: add the property instead",
                code="unknown",
                field="parcel_id",
            )
        unit = None
        if unit_label is not None and unit_label.strip():
            unit = Unit.objects.filter(property=place, label=unit_label.strip()).first()
            if unit is None:
                raise Refused(
                    f"{place} has no unit '{unit_label.strip()}'",
                    code="unknown",
                    field="unit_label",
                )
        live = Relation.objects.filter(
            person=actor, property=place, unit=unit, kind=kind, status__in=Relation.LIVE
        ).first()
        if live is not None:
            raise Refused(
                f"you already claim to be the {live.get_kind_display()} of {place} ({live.status})",
                code="taken",
                field="kind",
            )
        return start_relation(
            actor=actor, place=place, kind=kind, evidence=evidence, now=now, unit=unit
        )


def _locked(relation: Relation) -> Relation:
    return (
        Relation.objects.select_for_update(of=("self",))
        .select_related("property__jurisdiction", "person", "unit")
        .get(pk=relation.pk)
    )


def _require_desk(actor: User, relation: Relation) -> None:
    """The jurisdiction's clerks and code officials decide; its inspectors may not (403); to
    anyone else the claim is not found (404)."""
    held = roles(actor, relation.property.jurisdiction_id)
    if held & DESK:
        return
    if held:
        raise Forbidden("only a clerk or a code official decides a claim", code="forbidden")
    raise NotFound(f"claim {relation.pk} not found")


def _notify(
    relation: Relation, now: dt.datetime, kind: str = "relation-decided", **more: object
) -> None:
    """To the person: the claimant waiting on the decision, or the one whose relation ended."""
    pack = get_pack(relation.property.jurisdiction.slug)
    person = relation.person
    queue_notice(
        kind=kind,
        jurisdiction_slug=pack.slug,
        to=person.email,
        key=f"relation-{relation.pk}-{relation.status}",
        context={
            "jurisdiction": pack.name,
            "recipient": person.get_full_name() or person.username,
            "kind": relation.get_kind_display(),
            "status": relation.status,
            "reason": relation.reason,
            "address": str(relation.unit or relation.property),
            "parcel_id": relation.property.parcel_id,
            "properties_url": f"{settings.PUBLIC_URL}/cases/",
            **more,
        },
        at=now,
    )


def _decide(
    *, actor: User, relation: Relation, status: str, reason: str, now: dt.datetime
) -> Relation:
    with transaction.atomic():
        relation = _locked(relation)
        _require_desk(actor, relation)
        if relation.status != Relation.Status.CLAIMED:
            raise Refused(
                f"this claim is {relation.status}; only a claimed relation is verified or refused",
                code="status",
            )
        before = relation_state(relation)
        relation.status = status
        relation.reason = reason
        relation.decided_at = now
        relation.decided_by = actor
        relation.save(update_fields=["status", "reason", "decided_at", "decided_by"])
        action = "verify-relation" if status == Relation.Status.VERIFIED else "refuse-relation"
        _audit(relation, actor, action, now, before)
        _notify(relation, now)
    return relation


def verify_relation(*, actor: User, relation: Relation, now: dt.datetime) -> Relation:
    """The clerk has seen the evidence: the person acts for the property as its `kind`."""
    return _decide(
        actor=actor, relation=relation, status=Relation.Status.VERIFIED, reason="", now=now
    )


def refuse_relation(*, actor: User, relation: Relation, reason: str, now: dt.datetime) -> Relation:
    """The clerk refuses the claim, saying why (the claimant is told)."""
    reason = check_text(reason, "reason", REASON_LIMIT)
    if not reason:
        raise Refused("a refusal says why", code="required", field="reason")
    return _decide(
        actor=actor, relation=relation, status=Relation.Status.REFUSED, reason=reason, now=now
    )


def require_may_end(actor: User, relation: Relation) -> None:
    """Who ends a relation: its person, or a clerk or code official of the parcel's
    jurisdiction (its inspectors 403; to anyone else it is not found, 404)."""
    if relation.person_id != actor.pk:
        _require_desk(actor, relation)


def end_relation(*, actor: User, relation: Relation, reason: str, now: dt.datetime) -> Relation:
    """The relation ends (the property sold, the lease or the agency over): by the person
    themself, or by a clerk or code official of the jurisdiction; the person is e-mailed."""
    reason = check_text(reason, "reason", REASON_LIMIT)
    if not reason:
        raise Refused("ending a relation says why", code="required", field="reason")
    with transaction.atomic():
        relation = _locked(relation)
        require_may_end(actor, relation)
        if relation.status not in Relation.LIVE:
            raise Refused(
                f"this relation is {relation.status}; only a claimed or verified one ends",
                code="status",
            )
        before = relation_state(relation)
        relation.status = Relation.Status.ENDED
        relation.reason = reason
        relation.ended_at = now
        relation.save(update_fields=["status", "reason", "ended_at"])
        _audit(relation, actor, "end-relation", now, before)
        # The person is told, by staff's hand or their own (a record of it, should someone
        # else have used their account); from now they apply for none of its units.
        ended_on = now.astimezone(zone(get_pack(relation.property.jurisdiction.slug))).date()
        _notify(
            relation,
            now,
            "relation-ended",
            ended_on=ended_on.strftime("%B %-d, %Y"),
            by_staff=relation.person_id != actor.pk,
        )
    return relation
