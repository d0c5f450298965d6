"""Permits the sweep acts on, a batch at a time: ended at the end of their term (Clayton's five
years), interim permits (temporary, conditional) left in force after the certificate was
issued ended, and the notice before a permit's last day. Each batch's cases are locked in one
query, their permits read (and locked) in another, and each permit checked again under the
locks; the changes, one audit event per permit, are written in bulk."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from django.db import transaction

from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import record_all
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services.base import pack_of
from permitdesk.cases.services.permit_endings import mark_ended
from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import local, zone
from permitdesk.sweeps.batch import Done, each_due
from permitdesk.sweeps.context import locked_cases, within_lead
from permitdesk.sweeps.flags import FlagDue, raise_flags, reminder_due
from permitdesk.sweeps.models import Flag

TERM_EXPIRED = "term-expired"  # one of cases.services.permit_endings.END_REASONS
CERTIFICATE_ISSUED = "certificate of occupancy issued"  # as issue_permit ends them
INTERIM = (Permit.Kind.TEMPORARY, Permit.Kind.CONDITIONAL)
CERTIFICATES = (Permit.Kind.STANDARD, Permit.Kind.AMENDED)
# A case ends with its last permit in force only from these (end-permit's transition).
IN_FORCE = (Application.Status.ISSUED, Application.Status.CONDITIONAL)
NOTICE_LEAD = "permit_ending_notice_lead"

# When a permit ends, if it is due to: (the permit, every permit of its case, the pack, the
# jurisdiction's today) -> (the reason, the moment it ended), or None.
Ending = Callable[[Permit, list[Permit], Pack, dt.date], tuple[str, dt.datetime] | None]


def _locked_permits(permit_ids: Sequence[int]) -> tuple[list[Permit], dict[int, list[Permit]]]:
    """The permits of `permit_ids` in id order, and every permit of their cases by case: the
    cases locked first (one query, as every service that changes a permit locks its case
    first), then their permits (one query, locked too). A permit gone since it was found is
    not there."""
    cases = locked_cases(Permit.objects.filter(pk__in=permit_ids).values("application_id"))
    of_case: dict[int, list[Permit]] = defaultdict(list)
    wanted, found = set(permit_ids), []
    for permit in (
        Permit.objects.select_for_update().filter(application_id__in=list(cases)).order_by("pk")
    ):
        permit.application = cases[permit.application_id]
        of_case[permit.application_id].append(permit)
        if permit.pk in wanted:
            found.append(permit)
    return found, of_case


def _past_term(
    permit: Permit, of_case: list[Permit], pack: Pack, today: dt.date
) -> tuple[str, dt.datetime] | None:
    """A permit whose last day (`ends_on`) has passed ends at the midnight after it, in the
    jurisdiction's zone."""
    if permit.ended_at is not None or permit.ends_on is None or today <= permit.ends_on:
        return None
    return TERM_EXPIRED, dt.datetime.combine(
        permit.ends_on + dt.timedelta(days=1), dt.time(), zone(pack)
    )


def _left_beside_certificate(
    permit: Permit, of_case: list[Permit], pack: Pack, today: dt.date
) -> tuple[str, dt.datetime] | None:
    """A temporary or conditional permit ends when the certificate of occupancy is issued
    (St. Clair: "expire upon the issuance of a certificate of occupancy"); issue_permit ends
    them itself, and this ends any it left, as of the (first) certificate's issue."""
    certificates = [p for p in of_case if p.kind in CERTIFICATES]
    if permit.ended_at is not None or permit.kind not in INTERIM or not certificates:
        return None
    return CERTIFICATE_ISSUED, min(certificates, key=lambda p: (p.issued_at, p.pk)).issued_at


def _end(
    permit: Permit, of_case: list[Permit], ending: Ending, now: dt.datetime
) -> tuple[Permit, bool, AuditEvent] | None:
    """The permit ended if `ending` finds it due, and its case with it when it was the
    case's last in force (in memory), with the audit event: (the permit, whether the case
    ended, the event)."""
    application = permit.application
    pack = pack_of(application)
    due = ending(permit, of_case, pack, local(pack, now).date())
    if due is None:
        return None
    reason, ended_at = due
    others_in_force = any(p.ended_at is None for p in of_case if p.pk != permit.pk)
    last = application.status in IN_FORCE and not others_in_force
    event = mark_ended(
        application,
        permit,
        reason=reason,
        ended_at=ended_at,
        last_in_force=last,
        actor=None,
        now=now,
        noted={"ended_at": ended_at.isoformat()},
    )
    return permit, last, event


def _end_permits(permit_ids: Sequence[int], now: dt.datetime, ending: Ending) -> Done:
    """Each permit of `permit_ids` that `ending` finds due ended, in id order as if one after
    another (a case's second permit ending in the batch ends the case): the permits in one
    update, the cases that ended in another, an audit event per permit."""
    done = Done()
    with transaction.atomic(savepoint=False):
        permits, of_case = _locked_permits(permit_ids)
        ended = each_due(permits, lambda p: _end(p, of_case[p.application_id], ending, now), done)
        Permit.objects.bulk_update([p for p, _, _ in ended], ["ended_at", "end_reason"])
        cases_ended = [p.application_id for p, last, _ in ended if last]
        Application.objects.filter(pk__in=cases_ended).update(status=Application.Status.ENDED)
        record_all(event for _, _, event in ended)
        done.changed = len(ended)
    return done


def end_permits_at_term(permit_ids: Sequence[int], now: dt.datetime) -> Done:
    return _end_permits(permit_ids, now, _past_term)


def end_interim_permits(permit_ids: Sequence[int], now: dt.datetime) -> Done:
    return _end_permits(permit_ids, now, _left_beside_certificate)


def _ending_notice(permit: Permit, now: dt.datetime) -> FlagDue | None:
    """Once, within the pack's lead time of a permit's last day: the permit is about to end,
    and a new permit (with its inspection and fee) is needed to stay on."""
    application = permit.application
    pack = pack_of(application)
    today = local(pack, now).date()
    last_day = permit.ends_on
    if permit.ended_at is not None or last_day is None:
        return None
    if not within_lead(pack, NOTICE_LEAD, last_day, today):
        return None
    kind = Flag.Kind.PERMIT_ENDING_NOTICE
    issued_on = local(pack, permit.issued_at).date()
    term = pack.term_version("permit_term", issued_on) if pack.has_term("permit_term") else None
    context = {
        "permit_number": permit.number,
        "issued_on": issued_on,
        "ends_on": last_day,
        "term_years": term.value if term else None,
    }
    noted = {"permit": permit.number}
    return reminder_due(
        kind, permit, last_day, now, ref=permit.number, term=term, context=context, noted=noted
    )


def notify_permits_ending(permit_ids: Sequence[int], now: dt.datetime) -> Done:
    """The permits of `permit_ids` within the notice's lead time, each noticed once (a flag,
    its audit event, the notice); their cases locked."""
    done = Done()
    with transaction.atomic(savepoint=False):
        permits, _ = _locked_permits(permit_ids)
        due = each_due(permits, lambda permit: _ending_notice(permit, now), done)
        done.changed = raise_flags(due, now)
    return done
