"""Approvals the sweep acts on: lapsed when their window passed without a permit (a new
application and fee become due, and the applicant is told), and reminded before that."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from permitdesk.cases.models import Application, Approval
from permitdesk.cases.services.base import case_facts, pack_of
from permitdesk.cases.services.permits import lapse_approval
from permitdesk.law.pack import NotInForce, Pack, UnknownName
from permitdesk.notices.compose import queue_notice
from permitdesk.rules.calendar import local
from permitdesk.rules.facts import FactError
from permitdesk.rules.quote import NotPermitted, quote
from permitdesk.sweeps.context import case_context, days_left, locked_case
from permitdesk.sweeps.flags import raise_flag
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
        facts = case_facts(item.facts, application.unit, application.occupied)
        return quote(pack, application.fee_item, facts, on).total
    except (NotPermitted, NotInForce, UnknownName, FactError):
        return None


def lapse_expired_approval(*, application_id: int, now: dt.datetime) -> bool:
    """cases.services.permits.lapse_approval for an approval past its last day, and in the
    same transaction the notice that a new application and fee are due."""
    with transaction.atomic(savepoint=False):
        application = locked_case(application_id)
        approval = Approval.objects.filter(application=application).first()
        pack = pack_of(application)
        today = local(pack, now).date()
        if (
            application.status != Application.Status.APPROVED
            or approval is None
            or approval.valid_through is None
            or today <= approval.valid_through
        ):
            return False
        lapse_approval(actor=None, application=application, now=now)
        term = window_term(pack)
        queue_notice(
            kind="approval-lapsed",
            jurisdiction_slug=pack.slug,
            to=application.applicant.email,
            key=f"approval-lapsed-{application.pk}",
            context={
                **case_context(pack, application, today),
                "valid_through": approval.valid_through,
                "new_fee": _new_fee(pack, application, today),
                "citation": pack.cite(pack.term_version(term, approval.approved_on).citation)
                if term
                else "",
            },
            at=now,
        )
    return True


def remind_before_lapse(*, approval_id: int, now: dt.datetime) -> bool:
    """Once, within the pack's lead time of the approval's last day: name the occupants and
    get the permit, or start over with a new application and fee."""
    with transaction.atomic(savepoint=False):
        application_id = Approval.objects.values_list("application_id", flat=True).get(
            pk=approval_id
        )
        application = locked_case(application_id)
        approval = Approval.objects.get(pk=approval_id)
        pack = pack_of(application)
        today = local(pack, now).date()
        last_day = approval.valid_through
        if (
            application.status != Application.Status.APPROVED
            or last_day is None
            or not pack.has_term(REMINDER_LEAD)
            or not last_day - dt.timedelta(days=pack.count(REMINDER_LEAD, today))
            <= today
            <= last_day
        ):
            return False
        kind = reminder_kind(pack)
        term = window_term(pack)
        version = pack.term_version(term, approval.approved_on) if term else None
        citation = pack.cite(version.citation) if version else ""
        left = days_left(today, last_day)
        key = f"{kind}-{approval.pk}-{last_day.isoformat()}"
        flag = raise_flag(
            kind=kind,
            obj=approval,
            jurisdiction=application.jurisdiction,
            application=application,
            due_on=last_day,
            detail=f"Reminder queued {left} days before the approval's last day",
            citation=citation,
            now=now,
            action="queue-reminder",
            noted={"key": key},
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
                "approved_on": approval.approved_on,
                "valid_through": last_day,
                "days_left": left,
                "window": version.value if version else None,
                "new_fee": _new_fee(pack, application, today),
                "citation": citation,
            },
            at=now,
        )
    return True
