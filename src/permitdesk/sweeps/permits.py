"""Ending permits the sweep finds due: at the end of their term (Clayton's five years), and
interim permits (temporary, conditional) left in force after the certificate was issued.
Each in one transaction, the case row locked, with its audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services.base import audit, pack_of, state
from permitdesk.notices.compose import queue_notice
from permitdesk.rules.calendar import local, zone
from permitdesk.sweeps.context import case_context, days_left, locked_case
from permitdesk.sweeps.flags import raise_flag
from permitdesk.sweeps.models import Flag

TERM_EXPIRED = "term-expired"  # one of cases.services.permits.END_REASONS
CERTIFICATE_ISSUED = "certificate of occupancy issued"  # as issue_permit ends them
INTERIM = (Permit.Kind.TEMPORARY, Permit.Kind.CONDITIONAL)
CERTIFICATES = (Permit.Kind.STANDARD, Permit.Kind.AMENDED)


def _case_of(permit_id: int) -> int:
    return Permit.objects.values_list("application_id", flat=True).get(pk=permit_id)


def _end(
    application: Application, permit: Permit, reason: str, ended_at: dt.datetime, now: dt.datetime
) -> None:
    before = state(application)
    permit.ended_at, permit.end_reason = ended_at, reason
    permit.save(update_fields=["ended_at", "end_reason"])
    if (
        application.status in (Application.Status.ISSUED, Application.Status.CONDITIONAL)
        and not Permit.objects.filter(application=application, ended_at=None).exists()
    ):
        application.status = Application.Status.ENDED
        application.save(update_fields=["status"])
    audit(
        application,
        actor=None,
        action="end-permit",
        obj=permit,
        at=now,
        before=before,
        after={
            **state(application),
            "permit": permit.number,
            "reason": reason,
            "ended_at": ended_at.isoformat(),
        },
    )


def end_permit_at_term(*, permit_id: int, now: dt.datetime) -> bool:
    """A permit whose last day (`ends_on`) has passed ends at the midnight after it, in the
    jurisdiction's zone; the case ends with its last permit in force."""
    with transaction.atomic(savepoint=False):
        application = locked_case(_case_of(permit_id))
        permit = Permit.objects.select_for_update().get(pk=permit_id)
        pack = pack_of(application)
        today = local(pack, now).date()
        if permit.ended_at is not None or permit.ends_on is None or today <= permit.ends_on:
            return False
        midnight = dt.datetime.combine(permit.ends_on + dt.timedelta(days=1), dt.time(), zone(pack))
        _end(application, permit, TERM_EXPIRED, midnight, now)
    return True


def end_interim_permit(*, permit_id: int, now: dt.datetime) -> bool:
    """A temporary or conditional permit ends when the certificate of occupancy is issued
    (St. Clair: "expire upon the issuance of a certificate of occupancy"); issue_permit ends
    them itself, and this ends any it left, as of the certificate's issue."""
    with transaction.atomic(savepoint=False):
        application = locked_case(_case_of(permit_id))
        permit = Permit.objects.select_for_update().get(pk=permit_id)
        certificate = (
            Permit.objects.filter(application=application, kind__in=CERTIFICATES)
            .order_by("issued_at", "id")
            .first()
        )
        if permit.ended_at is not None or permit.kind not in INTERIM or certificate is None:
            return False
        _end(application, permit, CERTIFICATE_ISSUED, certificate.issued_at, now)
    return True


NOTICE_LEAD = "permit_ending_notice_lead"


def notify_permit_ending(*, permit_id: int, now: dt.datetime) -> bool:
    """Once, within the pack's lead time of a permit's last day: the permit is about to end,
    and a new permit (with its inspection and fee) is needed to stay on."""
    with transaction.atomic(savepoint=False):
        application = locked_case(_case_of(permit_id))
        permit = Permit.objects.get(pk=permit_id)
        pack = pack_of(application)
        today = local(pack, now).date()
        last_day = permit.ends_on
        if (
            permit.ended_at is not None
            or last_day is None
            or not pack.has_term(NOTICE_LEAD)
            or not last_day - dt.timedelta(days=pack.count(NOTICE_LEAD, today)) <= today <= last_day
        ):
            return False
        kind = Flag.Kind.PERMIT_ENDING_NOTICE
        key = f"{kind}-{permit.number}-{last_day.isoformat()}"
        issued_on = local(pack, permit.issued_at).date()
        term = pack.term_version("permit_term", issued_on) if pack.has_term("permit_term") else None
        citation = pack.cite(term.citation) if term else ""
        flag = raise_flag(
            kind=kind,
            obj=permit,
            jurisdiction=application.jurisdiction,
            application=application,
            due_on=last_day,
            detail=f"Notice queued {days_left(today, last_day)} days before the permit's last day",
            citation=citation,
            now=now,
            action="queue-reminder",
            noted={"key": key, "permit": permit.number},
        )
        if flag is None:
            return False
        queue_notice(
            kind=kind,
            jurisdiction_slug=pack.slug,
            to=application.applicant.email,
            key=key,
            context={
                **case_context(pack, application, today),
                "permit_number": permit.number,
                "issued_on": issued_on,
                "ends_on": last_day,
                "days_left": days_left(today, last_day),
                "term_years": term.value if term else None,
                "citation": citation,
            },
            at=now,
        )
    return True
