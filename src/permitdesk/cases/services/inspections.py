"""Requesting, assigning and recording inspections; approvals; re-inspection fees."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.files import File
from django.db import transaction
from django.db.models import Sum

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import NotFound
from permitdesk.cases import messages
from permitdesk.cases.actions import require
from permitdesk.cases.models import (
    Application,
    Approval,
    FeeLine,
    Inspection,
    InspectionRequest,
    Violation,
)
from permitdesk.cases.services.base import (
    add_fee_lines,
    add_permit_fee,
    audit_act,
    case_facts,
    fee_line,
    locked,
    locked_for,
    overrides,
    overruled,
    pack_of,
    rebalance,
    snapshot,
    state,
)
from permitdesk.law.pack import Pack, UnknownName
from permitdesk.rules.bounds import INSPECTION_BOOKING
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import (
    Refused,
    approval_starts,
    approval_window,
    check_record_pass,
    check_record_result,
    check_record_timing,
    check_request_inspection,
)
from permitdesk.rules.periods import add_period
from permitdesk.rules.quote import quote
from permitdesk.rules.violations import correction


@dataclass(frozen=True)
class ViolationInput:
    code_citation: str
    description: str
    correction: str = ""
    photo: File[bytes] | None = None  # checked by the caller (type, size); stored under MEDIA_ROOT
    severity: str = ""  # one of the pack's severities: it sets the date to correct by
    checklist_item: str = ""  # the checklist row it fails (its key), found deficient

    def fields(self) -> dict[str, Any]:
        """The violation's fields as given (its Violation row's fields of the same names)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def _check_items(violations: Sequence[ViolationInput], checklist: dict[str, Any]) -> None:
    """A violation tied to a checklist row needs that row recorded as deficient."""
    for v in violations:
        if v.checklist_item and checklist.get(v.checklist_item) != "deficient":
            raise Refused(
                f"checklist item {v.checklist_item[:80]!r} carries a violation but is not "
                "recorded as deficient",
                code="checklist-item",
                field="violations",
            )


def _correct_by(pack: Pack, violation: ViolationInput, on: dt.date) -> dt.date | None:
    """The violation's correction date from its severity; a refusal naming the pack's
    severities for one it does not define."""
    if not violation.severity:
        return None
    try:
        return correction(pack, violation.severity, on).correct_by
    except UnknownName as unknown:
        raise Refused(str(unknown), code="unknown-severity", field="severity") from None


def _charge_for_visit(
    pack: Pack, application: Application, number: int, now: dt.datetime, why: str
) -> None:
    """Fees a visit after the first adds: St. Clair's re-inspection fee item, or the growth of
    an item priced by the number of inspections (St. Louis County's and the village's $40)."""
    on = local(pack, now).date()
    if pack.has_term("reinspection_fee_item"):
        add_fee_lines(application, quote(pack, pack.text("reinspection_fee_item", on), {}, on), now)
        return
    item = pack.item(application.fee_item)
    if "inspections" not in item.facts:
        return
    facts = case_facts(
        item, application.unit, application.trigger, application.occupied, inspections=number
    )
    q = quote(pack, application.fee_item, facts, on)
    for line in q.lines:
        charged = FeeLine.objects.filter(
            application=application, fee_item=q.item, line_id=line.id
        ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
        if line.amount > charged:
            label, amount = f"{line.label} ({why})", line.amount - charged
            fee_line(application, q, line, now, label=label, amount=amount).save()
    rebalance(application)


def request_inspection(
    *,
    actor: User,
    application: Application,
    wanted_on: dt.date,
    window: str,
    contact_name: str,
    contact_phone: str,
    now: dt.datetime,
    override_reason: str = "",
) -> Inspection:
    """Ask for the next inspection of the case on `wanted_on` (AM, PM or any): a business day
    the processing time and cut-off allow, unless a code official overrides the day with a
    written reason (audited)."""
    with transaction.atomic():
        application = locked_for(actor, "request-inspection", application)
        pack = pack_of(application)
        INSPECTION_BOOKING.check("wanted_on", wanted_on, local(pack, now).date())
        case = snapshot(pack, application, now)
        overridden = overruled(
            actor,
            application,
            override_reason,
            lambda: check_request_inspection(pack, case, wanted_on, now),
        )
        before = state(application)
        request = InspectionRequest.objects.create(
            application=application,
            wanted_on=wanted_on,
            window=window,
            contact_name=contact_name,
            contact_phone=contact_phone,
            requested_at=now,
            requested_by=actor,
        )
        number = application.inspections.count() + 1
        inspection = Inspection.objects.create(
            application=application,
            request=request,
            number=number,
            scheduled_on=wanted_on,
            window=window,
        )
        if number > 1:
            _charge_for_visit(pack, application, number, now, f"inspection {number}")
        application.status = Application.Status.INSPECTION_REQUESTED
        application.save(update_fields=["status"])
        messages.inspection_requested(inspection, at=now)
        after = {
            **state(application),
            "number": number,
            "scheduled_on": wanted_on.isoformat(),
            "window": window,
            **overrides(overridden, override_reason),
        }
        audit_act(
            application, actor, "request-inspection", inspection, now, before=before, after=after
        )
    return inspection


def assign_inspector(
    *,
    actor: User,
    inspection: Inspection,
    inspector: User,
    now: dt.datetime,
) -> Inspection:
    with transaction.atomic():
        application = locked_for(actor, "assign-inspector", inspection.application)
        if not Membership.objects.filter(
            user_id=inspector.pk, jurisdiction_id=application.jurisdiction_id, role=Role.INSPECTOR
        ).exists():
            raise Refused(
                f"{inspector} is not an inspector of {application.jurisdiction}",
                code="not-inspector",
                field="inspector",
            )
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if inspection.result != Inspection.Result.PENDING:
            raise Refused("the inspection is already recorded", code="recorded")
        before = {"inspector": inspection.inspector_id}
        inspection.inspector = inspector
        inspection.save(update_fields=["inspector"])
        messages.inspector_assigned(inspection, at=now)
        after = {"inspector": inspector.pk}
        audit_act(
            application, actor, "assign-inspector", inspection, now, before=before, after=after
        )
    return inspection


def assign_inspectors(
    *,
    actor: User,
    inspections: Sequence[Inspection],
    inspector: User,
    now: dt.datetime,
) -> list[Inspection]:
    """Several inspections to one inspector (the clerk's bulk assignment from a queue): each
    through assign_inspector, with its checks and its audit event, all in one transaction, so
    one refused leaves none assigned."""
    if not inspections:
        raise Refused(
            "choose at least one inspection to assign", code="required", field="inspections"
        )
    with transaction.atomic():
        return [
            assign_inspector(actor=actor, inspection=visit, inspector=inspector, now=now)
            for visit in inspections
        ]


def _approve(
    pack: Pack, application: Application, inspection: Inspection, now: dt.datetime
) -> Approval:
    """The approval, its window counted from the day the pack says (approval_counts_from)."""
    on = approval_starts(pack, inspection.scheduled_on, local(pack, now).date())
    window = approval_window(pack)
    valid_through = (
        add_period(pack, on, pack.count(window, on), pack.terms[window].unit, on)
        if window
        else None
    )
    add_permit_fee(pack, application, now)
    return Approval.objects.create(
        application=application, inspection=inspection, approved_on=on, valid_through=valid_through
    )


def record_inspection_result(
    *,
    actor: User,
    inspection: Inspection,
    result: str,
    now: dt.datetime,
    violations: Sequence[ViolationInput] = (),
    checklist: dict[str, Any] | None = None,
    notes: str = "",
    override_reason: str = "",
) -> Inspection:
    """Passed, failed (with at least one violation) or no access.

    Not before the application is processed nor before the day the inspection was booked for,
    unless a code official overrides it with a written reason (`override_reason`, audited).
    """
    with transaction.atomic():
        application = locked(inspection.application)
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if inspection.application_id != application.pk:
            raise NotFound("inspection not found")
        require(actor, "record-result", application, inspector_id=inspection.inspector_id)
        pack = pack_of(application)
        if inspection.result != Inspection.Result.PENDING:
            raise Refused(
                f"inspection {inspection.number} is already recorded as {inspection.result}",
                code="recorded",
            )
        case = snapshot(pack, application, now)
        check_record_result(pack, case, result, now)
        overridden = overruled(
            actor,
            application,
            override_reason,
            lambda: check_record_timing(pack, case, inspection.scheduled_on, now),
        )
        before = state(application)
        if result == Inspection.Result.PASSED:
            check_record_pass(pack, case, now)
            approval = _approve(pack, application, inspection, now)
            application.status = Application.Status.APPROVED
            messages.inspection_passed(approval, at=now)
        elif result == Inspection.Result.FAILED:
            if not violations:
                raise Refused(
                    "a failed inspection lists at least one violation",
                    code="required",
                    field="violations",
                )
            _check_items(violations, checklist or {})
            noticed_on = local(pack, now).date()
            Violation.objects.bulk_create(
                Violation(
                    inspection=inspection, correct_by=_correct_by(pack, v, noticed_on), **v.fields()
                )
                for v in violations
            )
            application.status = Application.Status.FAILED
            messages.violation_notice(inspection, at=now)
        else:  # no access
            if pack.has_term("reinspection_fee_item"):
                _charge_for_visit(pack, application, inspection.number, now, "no access")
            application.status = Application.Status.SUBMITTED
        inspection.result = result
        inspection.checklist = checklist or {}
        inspection.notes = notes
        inspection.completed_at = now
        inspection.save(update_fields=["result", "checklist", "notes", "completed_at"])
        application.save(update_fields=["status"])
        after: dict[str, Any] = {**state(application), "violations": len(violations)}
        after.update(overrides(overridden, override_reason))
        audit_act(
            application, actor, f"record-{result}", inspection, now, before=before, after=after
        )
    return inspection
