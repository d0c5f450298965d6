"""The leads: opened by the sweep for a counted, covered, matched change with no application
by its day (open_due_leads); closed in the transaction of the application that answers it
(close_leads_answered_by, a cases filing hook), and by the sweep as a safety net
(close_answered_leads); and a clerk's or code official's work between: the letter
(send_letter), a dismissal with its reason (dismiss_lead), an escalation (escalate_lead).
Each writes its change and its audit event in one transaction (the letter's e-mail too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import require_staff
from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import queue, record_all
from permitdesk.cases.models import Application, Permit
from permitdesk.discovery.audit import Audit
from permitdesk.discovery.letters import TITLE, letter_text
from permitdesk.discovery.models import ChangeEvidence, Lead
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused

STAFF: set[str] = {Role.CLERK, Role.CODE_OFFICIAL}
NOTE_LIMIT = 2000


def answered(outer: str = "") -> Q:
    """Whether an application answers the change (`outer`: the path from the row filtered to
    its evidence, "" or "evidence__"): one on its unit, or on any unit of a property sold
    whole, filed on or after the look-back's first day, and not withdrawn."""
    filed = Application.objects.filter(
        submitted_at__date__gte=OuterRef(f"{outer}answered_from")
    ).exclude(status=Application.Status.WITHDRAWN)
    on_unit = filed.filter(unit=OuterRef(f"{outer}unit"))
    on_property = filed.filter(unit__property=OuterRef(f"{outer}property"))
    return (Q(**{f"{outer}unit__isnull": False}) & Exists(on_unit)) | (
        Q(**{f"{outer}unit__isnull": True}) & Exists(on_property)
    )


def _first_answer(outer: str) -> Subquery:
    filed = Application.objects.filter(
        submitted_at__date__gte=OuterRef(f"{outer}answered_from"),
        unit__property=OuterRef(f"{outer}property"),
    ).exclude(status=Application.Status.WITHDRAWN)
    return Subquery(filed.order_by("submitted_at", "pk").values("pk")[:1])


def counted_changes(jurisdiction: Jurisdiction) -> QuerySet[ChangeEvidence]:
    """The jurisdiction's changes the pack counts (not an exempt transfer), on units the
    program covers: what a lead and the catch rate are about."""
    return ChangeEvidence.objects.filter(jurisdiction=jurisdiction, counted=True, covered=True)


def due_without_application(jurisdiction: Jurisdiction, today: dt.date) -> QuerySet[ChangeEvidence]:
    """The matched changes past their day with no lead and no answering application."""
    return (
        counted_changes(jurisdiction)
        .filter(match__in=ChangeEvidence.MATCHED, due_on__lt=today, lead__isnull=True)
        .exclude(answered())
    )


def open_due_leads(*, jurisdiction: Jurisdiction, now: dt.datetime) -> int:
    """A lead for each change due without an application: its evidence, and the possible-
    rental signal where the pack's program covers rentals (the owner's mailing address is not
    the site, and no permit is in force on the unit). A few statements, whatever the count."""
    pack = get_pack(jurisdiction.slug)
    today = local(pack, now).date()
    rental = bool(pack.term("possible_rental_signal", today))
    permit = Permit.objects.filter(
        ended_at__isnull=True, application__unit__property=OuterRef("property")
    )
    with transaction.atomic():
        due = list(
            due_without_application(jurisdiction, today)
            .annotate(permitted=Exists(permit))
            .only("pk", "jurisdiction_id", "property_id", "unit_id", "possible_rental")
            .select_for_update(of=("self",))
        )
        leads = Lead.objects.bulk_create(_lead(e, rental, now) for e in due)
        audit = Audit(None, now, jurisdiction.slug)
        record_all(
            audit.event("discovery.lead-opened", lead, None, _opened(lead)) for lead in leads
        )
    return len(leads)


def _lead(evidence: Any, rental: bool, now: dt.datetime) -> Lead:
    """The lead of a matched change (`evidence.permitted`: a permit is in force there)."""
    assert evidence.property_id is not None, "only matched evidence becomes a lead"
    return Lead(
        evidence=evidence,
        jurisdiction_id=evidence.jurisdiction_id,
        property_id=evidence.property_id,
        unit_id=evidence.unit_id,
        possible_rental=rental and evidence.possible_rental and not evidence.permitted,
        opened_at=now,
    )


def _opened(lead: Lead) -> dict[str, Any]:
    """What the audit event of a lead opened says of it."""
    return {"evidence": lead.evidence_id, "possible_rental": lead.possible_rental}


def _closed(lead: Lead, application_id: int, now: dt.datetime, slug: str) -> AuditEvent:
    """Close `lead` (in memory) as answered by the application, and its audit event."""
    before = lead.status
    lead.status, lead.closed_at, lead.application_id = Lead.Status.CLOSED, now, application_id
    return Audit(None, now, slug).event(
        "discovery.lead-closed",
        lead,
        {"status": before},
        {
            "status": lead.status,
            "application": application_id,
            "why": f"closed: application {application_id} filed",
        },
        application_id=application_id,
    )


def _close_all(
    answered_leads: Sequence[Lead], found: Sequence[int], now: dt.datetime, slug: str
) -> int:
    events = [_closed(lead, pk, now, slug) for lead, pk in zip(answered_leads, found, strict=True)]
    Lead.objects.bulk_update(answered_leads, ["status", "closed_at", "application"])
    record_all(events)
    return len(answered_leads)


def close_answered_leads(*, jurisdiction: Jurisdiction, now: dt.datetime) -> int:
    """Close each live lead whose unit now has an answering application: the safety net
    behind close_leads_answered_by (an application written by an import, or a lead opened
    in the same hour as its application)."""
    with transaction.atomic():
        answered_leads = list(
            Lead.objects.filter(jurisdiction=jurisdiction, status__in=Lead.LIVE)
            .filter(answered("evidence__"))
            .annotate(found=_first_answer("evidence__"))
            .select_for_update(of=("self",))
        )
        found = [lead.found for lead in answered_leads]
        return _close_all(answered_leads, found, now, jurisdiction.slug)


def close_leads_answered_by(application: Application, now: dt.datetime) -> int:
    """Close, in the filing's transaction, each live lead `application` answers: one on its
    unit, or one on its property sold whole, whose look-back began on or before the day it
    was filed (the day in the jurisdiction's zone). Registered as a cases filing hook."""
    if application.status == Application.Status.WITHDRAWN:
        return 0
    unit = application.unit
    pack = get_pack(application.jurisdiction.slug)
    filed_on = local(pack, application.submitted_at).date()
    answered_leads = list(
        Lead.objects.filter(jurisdiction_id=application.jurisdiction_id, status__in=Lead.LIVE)
        .filter(Q(unit_id=unit.pk) | Q(unit__isnull=True, property_id=unit.property_id))
        .filter(evidence__answered_from__lte=filed_on)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    found = [application.pk] * len(answered_leads)
    return _close_all(answered_leads, found, now, application.jurisdiction.slug)


def _locked(lead: Lead, actor: User) -> Lead:
    require_staff(actor, lead.jurisdiction_id, STAFF)
    return (
        Lead.objects.select_for_update(of=("self",))
        .select_related("evidence", "jurisdiction", "property", "unit")
        .get(pk=lead.pk)
    )


def _live(lead: Lead, doing: str) -> None:
    if lead.status not in Lead.LIVE:
        raise Refused(
            f"lead {lead.pk} is {lead.get_status_display()}: only an open or escalated lead "
            f"can be {doing}",
            code="lead-not-live",
            field="status",
        )


def _note(note: str, *, required: bool) -> str:
    note = note.strip()
    if required and not note:
        raise Refused("note is required: say what you found", code="note-required", field="note")
    if len(note) > NOTE_LIMIT:
        raise Refused(
            f"note is {len(note)} characters long; at most {NOTE_LIMIT}",
            code="note-too-long",
            field="note",
        )
    return note


def dismiss_lead(*, lead: Lead, actor: User, reason: str, note: str, now: dt.datetime) -> Lead:
    """Dismiss a live lead with one of Lead.Dismissal's reasons (and a note for 'not a
    change', whose grounds the record must show)."""
    if reason not in Lead.Dismissal.values:
        raise Refused(
            f"reason is '{reason}'; one of: {', '.join(Lead.Dismissal.values)}",
            code="reason-unknown",
            field="reason",
        )
    with transaction.atomic():
        lead = _locked(lead, actor)
        _live(lead, "dismissed")
        text = _note(note, required=reason == Lead.Dismissal.NOT_A_CHANGE)
        before = {"status": lead.status}
        lead.status, lead.dismissal, lead.note = Lead.Status.DISMISSED, reason, text
        lead.closed_at, lead.decided_by = now, actor
        lead.save(update_fields=["status", "dismissal", "note", "closed_at", "decided_by"])
        after = {"status": lead.status, "reason": reason, "note": text}
        Audit(actor, now, lead.jurisdiction.slug).record(
            "discovery.lead-dismissed", lead, before, after
        )
    return lead


def escalate_lead(*, lead: Lead, actor: User, note: str, now: dt.datetime) -> Lead:
    """Escalate an open lead (to the code official, for enforcement), with the reason."""
    with transaction.atomic():
        lead = _locked(lead, actor)
        if lead.status != Lead.Status.OPEN:
            raise Refused(
                f"lead {lead.pk} is {lead.get_status_display()}: only an open lead is escalated",
                code="lead-not-open",
                field="status",
            )
        text = _note(note, required=True)
        lead.status, lead.note, lead.decided_by = Lead.Status.ESCALATED, text, actor
        lead.save(update_fields=["status", "note", "decided_by"])
        after = {"status": lead.status, "note": text}
        Audit(actor, now, lead.jurisdiction.slug).record(
            "discovery.lead-escalated", lead, {"status": "open"}, after
        )
    return lead


def send_letter(*, lead: Lead, actor: User, now: dt.datetime) -> Lead:
    """Record the letter sent (the PDF for the post is rendered from the lead) and queue its
    e-mail to the buyer where the sale gave an address; once per lead."""
    with transaction.atomic():
        lead = _locked(lead, actor)
        _live(lead, "written to")
        if lead.letter_sent_at is not None:
            raise Refused(
                f"the letter of lead {lead.pk} was sent on {lead.letter_sent_at.date()}",
                code="letter-already-sent",
                field="letter",
            )
        lead.letter_sent_at = now
        lead.save(update_fields=["letter_sent_at"])
        queue(
            key=f"discovery-lead-letter-{lead.pk}",
            to=lead.evidence.grantee_email,
            subject=f"{TITLE} ({lead.property.address})",
            body=letter_text(lead),
            at=now,
            kind="discovery-lead-letter",
        )
        after = {"letter_sent_at": now.isoformat(), "emailed": bool(lead.evidence.grantee_email)}
        Audit(actor, now, lead.jurisdiction.slug).record("discovery.letter-sent", lead, None, after)
    return lead
