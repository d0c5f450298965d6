"""Naming the occupants a permit lists (and changing or removing them until it is issued),
and recording visitors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.permissions import NotFound
from permitdesk.audit.services import record
from permitdesk.cases.actions import require, require_role
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Occupant, Visitor
from permitdesk.cases.permissions import require_may_record_on
from permitdesk.cases.services.base import audit, locked, pack_of
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Unit
from permitdesk.rules.bounds import CHANGE_OF_OCCUPANCY, MOVE_IN, VISITOR_ARRIVAL
from permitdesk.rules.calendar import local
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
    *,
    actor: User,
    application: Application,
    first_name: str,
    last_name: str,
    now: dt.datetime,
    age: int | None = None,
    relationship: str = "",
    moves_in_on: dt.date | None = None,
) -> Occupant:
    """Every person who will live there, children and unrelated residents included, with the
    day they move in where it is known (Clayton: "the tenant names and/or occupancy date")."""
    first, last = _named(first_name, last_name)
    with transaction.atomic():
        application = locked(application)
        require(actor, "add-occupant", application)
        _check_move_in(application, moves_in_on, now)
        occupant = Occupant.objects.create(
            application=application,
            jurisdiction_id=application.jurisdiction_id,
            first_name=first,
            last_name=last,
            age=age,
            relationship=relationship.strip(),
            moves_in_on=moves_in_on,
        )
        audit(
            application,
            actor=actor,
            action="add-occupant",
            obj=occupant,
            at=now,
            before=None,
            after=picture(occupant),
        )
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
    *,
    actor: User,
    occupant: Occupant,
    first_name: str,
    last_name: str,
    now: dt.datetime,
    age: int | None = None,
    relationship: str = "",
    moves_in_on: dt.date | None = None,
) -> Occupant:
    """Correct an occupant's name, age, relationship or move-in day, until the permit is
    issued; the audit event keeps both versions."""
    first, last = _named(first_name, last_name)
    with transaction.atomic():
        application, occupant = _changeable(actor, occupant)
        _check_move_in(application, moves_in_on, now)
        before = picture(occupant)
        occupant.first_name, occupant.last_name = first, last
        occupant.age, occupant.relationship = age, relationship.strip()
        occupant.moves_in_on = moves_in_on
        occupant.save(
            update_fields=["first_name", "last_name", "age", "relationship", "moves_in_on"]
        )
        audit(
            application,
            actor=actor,
            action="change-occupant",
            obj=occupant,
            at=now,
            before=before,
            after=picture(occupant),
        )
    return occupant


def remove_occupant(*, actor: User, occupant: Occupant, now: dt.datetime) -> None:
    """Take an occupant off the case (named by mistake, not moving in), until the permit is
    issued; the audit event keeps who they were."""
    with transaction.atomic():
        application, occupant = _changeable(actor, occupant)
        before = picture(occupant)
        audit(
            application,
            actor=actor,
            action="remove-occupant",
            obj=occupant,
            at=now,
            before=before,
            after=None,
        )
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
        application = locked(application)
        require(actor, "add-occupant", application)
        today = local(pack_of(application), now).date()
        VISITOR_ARRIVAL.check("arrived_on", arrived_on, today)
        visitor = Visitor.objects.create(
            application=application, name=name.strip(), arrived_on=arrived_on
        )
        audit(
            application,
            actor=actor,
            action="add-visitor",
            obj=visitor,
            at=now,
            before=None,
            after={"name": visitor.name, "arrived_on": arrived_on.isoformat()},
        )
    return visitor


def report_change_of_occupancy(
    *, actor: User, unit: Unit, changed_on: dt.date, now: dt.datetime
) -> ChangeOfOccupancyReport:
    """The village's report to the Clerk; one made more than 30 days after the change is late
    (a violation of §1.D) but is still recorded. Owners and agents report, and the
    jurisdiction's clerks and code officials for them; its inspectors do not (403), and to
    anyone else the unit's property is not found (404), before the pack is asked anything."""
    require_may_record_on(actor, unit.property_id, unit.property.jurisdiction_id)
    pack = get_pack(unit.property.jurisdiction.slug)
    today = local(pack, now).date()
    if not pack.has_term("change_report_window"):
        raise Refused(f"{pack.name} asks for no change-of-occupancy report", code="not-offered")
    CHANGE_OF_OCCUPANCY.check("changed_on", changed_on, today)
    window = pack.count("change_report_window", changed_on)
    due_on = add_period(pack, changed_on, window, "days", changed_on)
    with transaction.atomic():
        report = ChangeOfOccupancyReport.objects.create(
            unit=unit,
            changed_on=changed_on,
            reported_at=now,
            reported_on=today,
            reported_by=actor,
            due_on=due_on,
        )
        record(
            actor=actor,
            action="report-change-of-occupancy",
            obj=report,
            at=now,
            before=None,
            after={
                "changed_on": changed_on.isoformat(),
                "due_on": due_on.isoformat(),
                "late": report.late,
            },
            jurisdiction_slug=pack.slug,
        )
    return report
