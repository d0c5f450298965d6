"""Amending a permit: a new permit for a changed household supersedes the one in force."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.cases import messages
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services.base import add_fee_lines, audit_act, locked_for, pack_of
from permitdesk.cases.services.permit_endings import supersede
from permitdesk.cases.services.permit_numbers import create_permit
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import quote


def amend_permit(*, actor: User, application: Application, now: dt.datetime) -> Permit:
    """A new permit for a changed household (an occupant added, a visitor who stays): the
    issued permit is superseded by an amended one with the same end; St. Clair charges $25."""
    with transaction.atomic():
        application = locked_for(actor, "amend-permit", application)
        pack = pack_of(application)
        on = local(pack, now).date()
        current = (
            Permit.objects.filter(application=application, ended_at=None)
            .order_by("-issued_at")
            .first()
        )
        if current is None:
            raise Refused("there is no permit in force to amend", code="no-permit")
        if pack.has_term("permit_amendment_fee_item"):
            item = pack.text("permit_amendment_fee_item", on)
            add_fee_lines(application, quote(pack, item, {}, on), now)
        superseded = supersede(application, {current.kind}, "superseded by an amended permit", now)
        permit = create_permit(pack, application, Permit.Kind.AMENDED, now, ends_on=current.ends_on)
        before = {"permit": current.number}
        after = {"permit": permit.number, "ended": superseded}
        audit_act(application, actor, "amend-permit", permit, now, before=before, after=after)
        messages.permit_issued(permit, at=now)
    return permit
