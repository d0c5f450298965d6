"""Moving or cancelling a pending inspection request, while the rules that placed it on the
schedule still leave its day open (rules.lifecycle.check_change_inspection). No document sets
a fee for either; each pack says so in `inspection_change_fee` ("none"), and a pack that names
a fee item there has it charged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.permissions import NotFound
from permitdesk.audit.models import AuditEvent
from permitdesk.cases import messages
from permitdesk.cases.models import Application, Inspection, InspectionRequest
from permitdesk.cases.services.base import (
    add_fee_lines,
    audit_act,
    check_choice,
    locked_for,
    pack_of,
    rebalance,
    snapshot,
    state,
)
from permitdesk.law.pack import Pack
from permitdesk.rules.bounds import INSPECTION_BOOKING
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused, check_change_inspection, check_inspection_day
from permitdesk.rules.quote import quote

NO_FEE = "none"


def _pending(
    actor: User, inspection: Inspection, now: dt.datetime
) -> tuple[Application, Inspection]:
    """The inspection's case, locked, and the inspection, pending, where `actor` may move or
    cancel it now."""
    application = locked_for(actor, "change-inspection-request", inspection.application)
    found = (
        # Locks the inspection's own row: PostgreSQL locks no outer join's nullable side.
        Inspection.objects.select_for_update(of=("self",))
        .select_related("request", "inspector")
        .filter(pk=inspection.pk, application_id=application.pk)
        .first()
    )
    if found is None:
        raise NotFound(f"inspection {inspection.pk} not found")
    if found.result != Inspection.Result.PENDING:
        raise Refused(
            f"inspection {found.number} is already recorded as {found.result}",
            code="recorded",
            field="inspection",
        )
    pack = pack_of(application)
    check_change_inspection(pack, snapshot(pack, application, now), found.scheduled_on, now)
    return application, found


def _charge(pack: Pack, application: Application, now: dt.datetime) -> str:
    """The pack's fee for the change, where it names one; its name (or "none")."""
    on = local(pack, now).date()
    fee = (
        pack.text("inspection_change_fee", on) if pack.has_term("inspection_change_fee") else NO_FEE
    )
    if fee != NO_FEE:
        add_fee_lines(application, quote(pack, fee, {}, on), now)
    return fee


def _visit(inspection: Inspection) -> dict[str, Any]:
    return {
        "number": inspection.number,
        "scheduled_on": inspection.scheduled_on.isoformat(),
        "window": inspection.window,
        "inspector": inspection.inspector_id,
    }


def reschedule_inspection(
    *,
    actor: User,
    inspection: Inspection,
    wanted_on: dt.date,
    window: str,
    now: dt.datetime,
) -> Inspection:
    """Move a pending inspection to another day (and part of the day) the rules allow for a
    request made now. The inspector assigned to the old day is released: the division assigns
    one to the new day, and both the applicant and that inspector are told."""
    check_choice(window, InspectionRequest.Window.values, field="window", code="invalid")
    with transaction.atomic():
        application, inspection = _pending(actor, inspection, now)
        pack = pack_of(application)
        INSPECTION_BOOKING.check("wanted_on", wanted_on, local(pack, now).date())
        check_inspection_day(pack, snapshot(pack, application, now), wanted_on, now)
        if (wanted_on, window) == (inspection.scheduled_on, inspection.window):
            raise Refused(
                "the inspection is already booked for that day and time",
                code="unchanged",
                field="wanted_on",
            )
        before = _visit(inspection)
        released = inspection.inspector
        fee = _charge(pack, application, now)
        inspection.scheduled_on, inspection.window, inspection.inspector = wanted_on, window, None
        inspection.save(update_fields=["scheduled_on", "window", "inspector"])
        request = inspection.request
        request.wanted_on, request.window = wanted_on, window
        request.save(update_fields=["wanted_on", "window"])
        messages.inspection_changed(inspection, before, released, actor=actor, at=now)
        after = {**_visit(inspection), "fee": fee}
        audit_act(
            application, actor, "reschedule-inspection", inspection, now, before=before, after=after
        )
    return inspection


def _status_before_request(application: Application, inspection: Inspection) -> str:
    """The case's status before the request (submitted, failed or conditional), as the
    request's audit event recorded it."""
    event = (
        AuditEvent.objects.filter(
            application_id=application.pk,
            action="request-inspection",
            object_id=str(inspection.pk),
        )
        .order_by("-pk")
        .first()
    )
    status = (event.before or {}).get("status") if event is not None else None
    return str(status or Application.Status.SUBMITTED)


def cancel_inspection(
    *, actor: User, inspection: Inspection, now: dt.datetime, reason: str = ""
) -> Application:
    """Call off a pending inspection: the case goes back to where it was before the request,
    a re-inspection fee charged for this visit is waived (no document charges for a visit that
    does not happen), and the applicant and the assigned inspector are told."""
    with transaction.atomic():
        application, inspection = _pending(actor, inspection, now)
        pack = pack_of(application)
        before = {**state(application), **_visit(inspection)}
        request = inspection.request
        # What the request charged for this visit (_charge_for_visit: St. Clair's $50, a
        # visit past those the fee covers) was assessed at the moment of the request.
        charged = application.fee_lines.filter(assessed_at=request.requested_at, waived_reason="")
        waived = [line.pk for line in charged]
        charged.update(
            waived_reason=f"inspection {inspection.number} cancelled before it took place"
        )
        fee = _charge(pack, application, now)
        rebalance(application)
        application.status = _status_before_request(application, inspection)
        application.save(update_fields=["status"])
        messages.inspection_changed(
            inspection, before, inspection.inspector, actor=actor, at=now, cancelled=True
        )
        after = {
            **state(application),
            "waived_fee_lines": waived,
            "fee": fee,
            "reason": reason.strip(),
        }
        audit_act(
            application, actor, "cancel-inspection", inspection, now, before=before, after=after
        )
        inspection.delete()
        request.delete()
    return application
