"""Naming the occupants a permit lists, and recording visitors."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.audit.services import record
from permitdesk.cases.actions import require
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Occupant, Visitor
from permitdesk.cases.permissions import require_may_record_on
from permitdesk.cases.services.base import audit, locked, pack_of
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Unit
from permitdesk.rules.bounds import CHANGE_OF_OCCUPANCY, VISITOR_ARRIVAL
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.periods import add_period


def add_occupant(
    *,
    actor: User,
    application: Application,
    first_name: str,
    last_name: str,
    now: dt.datetime,
    age: int | None = None,
    relationship: str = "",
) -> Occupant:
    """Every person who will live there, children and unrelated residents included."""
    if not first_name.strip() or not last_name.strip():
        raise Refused(
            "an occupant needs a first and a last name",
            code="required",
            field="last_name" if first_name.strip() else "first_name",
        )
    with transaction.atomic():
        application = locked(application)
        require(actor, "add-occupant", application)
        occupant = Occupant.objects.create(
            application=application,
            jurisdiction_id=application.jurisdiction_id,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            age=age,
            relationship=relationship.strip(),
        )
        audit(
            application,
            actor=actor,
            action="add-occupant",
            obj=occupant,
            at=now,
            before=None,
            after={
                "name": f"{occupant.first_name} {occupant.last_name}",
                "age": age,
                "relationship": relationship,
            },
        )
    return occupant


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
