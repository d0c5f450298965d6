"""Naming the occupants a permit lists (and changing or removing them until it is issued),
and recording visitors."""

from __future__ import annotations

import datetime as dt
from typing import Any, NotRequired, TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.permissions import NotFound, roles
from permitdesk.audit.services import Act, record
from permitdesk.cases import owner_messages
from permitdesk.cases.actions import require_role
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Occupant, Visitor
from permitdesk.cases.permissions import require_may_record_on
from permitdesk.cases.services.applications import submit_application
from permitdesk.cases.services.base import audit_act, case_file, locked, locked_for, pack_of
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Unit
from permitdesk.rules.bounds import CHANGE_OF_OCCUPANCY, MOVE_IN, VISITOR_ARRIVAL
from permitdesk.rules.calendar import local
from permitdesk.rules.case_facts import eligibility_facts
from permitdesk.rules.eligibility import eligibility
from permitdesk.rules.lifecycle import TRANSITIONS, Refused
from permitdesk.rules.periods import add_period


def _named(first_name: str, last_name: str) -> tuple[str, str]:
    if not first_name.strip() or not last_name.strip():
        raise Refused(
            "an occupant needs a first and a last name",
            code="required",
            field="last_name" if first_name.strip() else "first_name",
        )
    return first_name.strip(), last_name.strip()


class OccupantDetails(TypedDict):
    """What the permit lists of an occupant, as the services name and correct one."""

    first_name: str
    last_name: str
    age: NotRequired[int | None]
    relationship: NotRequired[str]
    moves_in_on: NotRequired[dt.date | None]


# What an occupant named without them has: no age, no relationship, no move-in day.
UNSAID: dict[str, Any] = {"age": None, "relationship": "", "moves_in_on": None}


def _fields(details: OccupantDetails) -> dict[str, Any]:
    """An occupant's fields as stored: every one (those not given as UNSAID), the names
    required, and the names and the relationship trimmed."""
    first, last = _named(details["first_name"], details["last_name"])
    fields: dict[str, Any] = {**UNSAID, **details, "first_name": first, "last_name": last}
    return {**fields, "relationship": fields["relationship"].strip()}


def _check_move_in(application: Application, moves_in_on: dt.date | None, now: dt.datetime) -> None:
    if moves_in_on is not None:
        MOVE_IN.check("moves_in_on", moves_in_on, local(pack_of(application), now).date())


def picture(occupant: Occupant) -> dict[str, Any]:
    """An occupant as their audit events record them."""
    return {
        "name": f"{occupant.first_name} {occupant.last_name}",
        "age": occupant.age,
        "relationship": occupant.relationship,
        "moves_in_on": occupant.moves_in_on.isoformat() if occupant.moves_in_on else None,
    }


def add_occupant(
    *, actor: User, application: Application, now: dt.datetime, **details: Unpack[OccupantDetails]
) -> Occupant:
    """Every person who will live there, children and unrelated residents included, with the
    day they move in where it is known (Clayton: "the tenant names and/or occupancy date")."""
    fields = _fields(details)
    with transaction.atomic():
        application = locked_for(actor, "add-occupant", application)
        _check_move_in(application, fields["moves_in_on"], now)
        occupant = Occupant.objects.create(
            application=application, jurisdiction_id=application.jurisdiction_id, **fields
        )
        audit_act(application, actor, "add-occupant", occupant, now, after=picture(occupant))
    return occupant


def _changeable(actor: User, occupant: Occupant) -> tuple[Application, Occupant]:
    """The occupant's case, locked, and the occupant, where `actor` may change it now: until
    the permit that lists them is issued (after that, the division amends the permit)."""
    application = locked(occupant.application)
    require_role(actor, "change-occupant", application)
    allowed = TRANSITIONS["change-occupant"]
    if application.status not in allowed:
        raise Refused(
            "occupants can be changed or removed only until the permit is issued; this case "
            f"is {application.status} (ask the division to amend the permit)",
            code="status",
            field="occupant",
        )
    found = Occupant.objects.select_for_update().filter(pk=occupant.pk).first()
    if found is None or found.application_id != application.pk:
        raise NotFound(f"occupant {occupant.pk} not found")
    return application, found


def change_occupant(
    *, actor: User, occupant: Occupant, now: dt.datetime, **details: Unpack[OccupantDetails]
) -> Occupant:
    """Correct an occupant's name, age, relationship or move-in day, until the permit is
    issued; the audit event keeps both versions."""
    fields = _fields(details)
    with transaction.atomic():
        application, occupant = _changeable(actor, occupant)
        _check_move_in(application, fields["moves_in_on"], now)
        before = picture(occupant)
        for name, value in fields.items():
            setattr(occupant, name, value)
        occupant.save(update_fields=list(fields))
        after = picture(occupant)
        audit_act(application, actor, "change-occupant", occupant, now, before=before, after=after)
    return occupant


def remove_occupant(*, actor: User, occupant: Occupant, now: dt.datetime) -> None:
    """Take an occupant off the case (named by mistake, not moving in), until the permit is
    issued; the audit event keeps who they were."""
    with transaction.atomic():
        application, occupant = _changeable(actor, occupant)
        before = picture(occupant)
        audit_act(application, actor, "remove-occupant", occupant, now, before=before, after=None)
        occupant.delete()


def add_visitor(
    *,
    actor: User,
    application: Application,
    name: str,
    arrived_on: dt.date,
    now: dt.datetime,
) -> Visitor:
    """Someone staying with the household for a while (the village's visitor periods)."""
    if not name.strip():
        raise Refused("a visitor needs a name", code="required", field="name")
    with transaction.atomic():
        application = locked_for(actor, "add-occupant", application)
        today = local(pack_of(application), now).date()
        VISITOR_ARRIVAL.check("arrived_on", arrived_on, today)
        visitor = Visitor.objects.create(
            application=application, name=name.strip(), arrived_on=arrived_on
        )
        after = {"name": visitor.name, "arrived_on": arrived_on.isoformat()}
        audit_act(application, actor, "add-visitor", visitor, now, after=after)
    return visitor


NAMES_LIMIT = ChangeOfOccupancyReport._meta.get_field("new_occupants").max_length or 500
REASON_LIMIT = ChangeOfOccupancyReport._meta.get_field("no_case_reason").max_length or 300
# A case in these states is still on its way to a permit: a report names it, opens no other.
ON_ITS_WAY = (
    Application.Status.SUBMITTED,
    Application.Status.INSPECTION_REQUESTED,
    Application.Status.FAILED,
    Application.Status.CONDITIONAL,
    Application.Status.APPROVED,
)


def _case_for_report(
    pack: Pack, actor: User, unit: Unit, now: dt.datetime
) -> tuple[Application | None, str]:
    """The case the Building Inspector inspects under (§1.D "so that the Building Inspector may
    inspect"): the unit's case on its way to a permit, or a re-occupancy case opened now for
    the reporter to pay and book (the fee is paid before the inspection, §2). None, with the
    reason, where no case is opened: a Type II unit needs no re-occupancy permit, a reporter
    the pack does not let apply, a report the clerk took at the counter (the owner applies)."""
    on = local(pack, now).date()
    if not pack.has_term("change_report_leads_to") or (
        pack.text("change_report_leads_to", on) != "re-occupancy-case"
    ):
        return None, ""
    open_case = (
        Application.objects.filter(unit=unit, status__in=ON_ITS_WAY)
        .order_by("-submitted_at", "-id")
        .first()
    )
    if open_case is not None:
        return open_case, ""
    if roles(actor, unit.property.jurisdiction_id):
        return None, "reported at the counter: the owner applies for the re-occupancy permit"
    facts = eligibility_facts(case_file(unit, Application.Trigger.CHANGE_OF_OCCUPANCY))
    findings = eligibility(pack, facts, on).findings
    items = [f.fee_item for f in findings if f.required and f.fee_item]
    if not items:
        why = [f.reason for f in findings if f.kind == "permit" and not f.required]
        return None, (why[0] if why else "no permit is required for this unit")[:REASON_LIMIT]
    try:
        case = submit_application(
            actor=actor,
            unit=unit,
            fee_item=items[0],
            trigger=Application.Trigger.CHANGE_OF_OCCUPANCY,
            now=now,
        )
    except Refused as refusal:
        return None, refusal.reason[:REASON_LIMIT]
    return case, ""


def _reported(report: ChangeOfOccupancyReport) -> dict[str, Any]:
    """A change-of-occupancy report as its audit event records it."""
    return {
        "changed_on": report.changed_on.isoformat(),
        "due_on": report.due_on.isoformat(),
        "late": report.late,
        "new_occupants": report.new_occupants,
        "application_id": report.application_id,
        "no_case_reason": report.no_case_reason,
    }


def report_change_of_occupancy(
    *,
    actor: User,
    unit: Unit,
    changed_on: dt.date,
    now: dt.datetime,
    new_occupants: str = "",
) -> ChangeOfOccupancyReport:
    """The village's report to the Clerk; one made more than 30 days after the change is late
    (a violation of §1.D) but is still recorded. Owners and agents report, and the
    jurisdiction's clerks and code officials for them; its inspectors do not (403), and to
    anyone else the unit's property is not found (404), before the pack is asked anything.

    The report leads to the inspection: it names the unit's open case or opens its
    re-occupancy case (that case's own audit event and e-mail), and the reporter is e-mailed
    what happens next."""
    require_may_record_on(actor, unit.property_id, unit.property.jurisdiction_id)
    pack = get_pack(unit.property.jurisdiction.slug)
    today = local(pack, now).date()
    if not pack.has_term("change_report_window"):
        raise Refused(f"{pack.name} asks for no change-of-occupancy report", code="not-offered")
    CHANGE_OF_OCCUPANCY.check("changed_on", changed_on, today)
    names = " ".join(new_occupants.split())
    if len(names) > NAMES_LIMIT:
        raise Refused(
            f"the new occupants' names may be at most {NAMES_LIMIT} characters",
            code="too-long",
            field="new_occupants",
        )
    window = pack.count("change_report_window", changed_on)
    due_on = add_period(pack, changed_on, window, "days", changed_on)
    with transaction.atomic():
        case, no_case = _case_for_report(pack, actor, unit, now)
        report = ChangeOfOccupancyReport.objects.create(
            unit=unit,
            changed_on=changed_on,
            reported_at=now,
            reported_on=today,
            reported_by=actor,
            due_on=due_on,
            new_occupants=names,
            application=case,
            no_case_reason=no_case,
        )
        # Filed under the jurisdiction, not a case: the report may open none.
        act = Act(actor=actor, action="report-change-of-occupancy", obj=report, at=now)
        record(**act, before=None, after=_reported(report), jurisdiction_slug=pack.slug)
        owner_messages.change_report_received(report, at=now)
    return report
