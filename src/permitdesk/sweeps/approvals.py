"""Approvals the sweep acts on, a batch at a time: lapsed when their window passed without a
permit (a new application and fee become due, and the applicant is told), and reminded
before that. Each batch's cases are locked in one query and checked again under the lock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.audit.services import queue_all, record_all
from permitdesk.cases.models import Application, Approval
from permitdesk.cases.services.approvals import last_day_passed, mark_lapsed
from permitdesk.cases.services.base import case_facts, pack_of
from permitdesk.law.pack import NotInForce, Pack, UnknownName
from permitdesk.notices.compose import compose_notice
from permitdesk.rules.calendar import local
from permitdesk.rules.facts import FactError
from permitdesk.rules.quote import NotPermitted, quote
from permitdesk.sweeps.batch import Done, each_due
from permitdesk.sweeps.context import case_context, locked_cases, within_lead
from permitdesk.sweeps.flags import FlagDue, raise_flags, reminder_due
from permitdesk.sweeps.models import Flag

# The term that sets an approval's last day, as cases.services.inspections reads them.
WINDOW_TERMS = ("approval_validity", "occupant_naming_window")
REMINDER_LEAD = "approval_reminder_lead"


def window_term(pack: Pack) -> str | None:
    return next((t for t in WINDOW_TERMS if pack.has_term(t)), None)


def reminder_kind(pack: Pack) -> str:
    """St. Louis County's window is for naming the occupants; elsewhere the approval lapses."""
    if pack.has_term("occupant_naming_window"):
        return Flag.Kind.OCCUPANT_DEADLINE_REMINDER
    return Flag.Kind.APPROVAL_LAPSE_REMINDER


def _new_fee(pack: Pack, application: Application, on: dt.date) -> Decimal | None:
    """The fee a new application for the same unit would be quoted today, if it can be."""
    try:
        item = pack.item(application.fee_item)
        facts = case_facts(item, application.unit, application.trigger, application.occupied)
        return quote(pack, application.fee_item, facts, on).total
    except (NotPermitted, NotInForce, UnknownName, FactError):
        return None


def _lapse(
    application: Application, now: dt.datetime
) -> tuple[Application, AuditEvent, OutboxMessage | None] | None:
    """cases.services.approvals.lapse_approval's change for an approval past its last day,
    and the notice that a new application and fee are due."""
    approval = getattr(application, "approval", None)
    pack = pack_of(application)
    today = local(pack, now).date()
    last_day = last_day_passed(approval, today)
    if application.status != Application.Status.APPROVED or approval is None or last_day is None:
        return None
    term = window_term(pack)
    context = {
        **case_context(pack, application, today),
        "valid_through": last_day,
        "new_fee": _new_fee(pack, application, today),
        "citation": pack.cite(pack.term_version(term, approval.approved_on).citation)
        if term
        else "",
    }
    notice = compose_notice(
        kind="approval-lapsed",
        jurisdiction_slug=pack.slug,
        to=application.applicant.email,
        key=f"approval-lapsed-{application.pk}",
        context=context,
        at=now,
        application_id=application.pk,
    )
    return application, mark_lapsed(application, last_day, actor=None, now=now), notice


def lapse_expired_approvals(application_ids: Sequence[int], now: dt.datetime) -> Done:
    """The approved cases of `application_ids` past their approval's last day, lapsed, each
    with its audit event and the notice to the applicant."""
    done = Done()
    with transaction.atomic(savepoint=False):
        cases = locked_cases(application_ids, "approval")
        lapsed = each_due(cases.values(), lambda case: _lapse(case, now), done)
        Application.objects.filter(pk__in=[case.pk for case, _, _ in lapsed]).update(
            status=Application.Status.LAPSED
        )
        record_all(event for _, event, _ in lapsed)
        queue_all(notice for _, _, notice in lapsed)
        done.changed = len(lapsed)
    return done


def _reminder(approval: Approval, now: dt.datetime) -> FlagDue | None:
    """Once, within the pack's lead time of the approval's last day: name the occupants and
    get the permit, or start over with a new application and fee."""
    application = approval.application
    pack = pack_of(application)
    today = local(pack, now).date()
    last_day = approval.valid_through
    if (
        application.status != Application.Status.APPROVED
        or last_day is None
        or not within_lead(pack, REMINDER_LEAD, last_day, today)
    ):
        return None
    kind = reminder_kind(pack)
    term = window_term(pack)
    version = pack.term_version(term, approval.approved_on) if term else None
    context = {
        "approved_on": approval.approved_on,
        "valid_through": last_day,
        "window": version.value if version else None,
        "new_fee": _new_fee(pack, application, today),
    }
    return reminder_due(
        kind, approval, last_day, now, ref=approval.pk, term=version, context=context
    )


def remind_before_lapse(approval_ids: Sequence[int], now: dt.datetime) -> Done:
    """The approvals of `approval_ids` within their lead time, each reminded once (a flag,
    its audit event, the reminder); their cases locked."""
    done = Done()
    wanted = set(approval_ids)
    with transaction.atomic(savepoint=False):
        cases = locked_cases(
            Approval.objects.filter(pk__in=wanted).values("application_id"), "approval"
        )
        # Read with their cases (select_related sets each approval's `application`).
        approvals = sorted(
            (
                case.approval
                for case in cases.values()
                if getattr(case, "approval", None) is not None and case.approval.pk in wanted
            ),
            key=lambda approval: approval.pk,
        )
        due = each_due(approvals, lambda approval: _reminder(approval, now), done)
        done.changed = raise_flags(due, now)
    return done
