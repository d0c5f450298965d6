"""Naming the occupants a permit lists, and recording visitors."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.permissions import require
from permitdesk.audit.services import record
from permitdesk.cases.models import Application, Occupant, Visitor
from permitdesk.cases.services.base import locked
from permitdesk.rules.lifecycle import Refused, check_transition


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
        raise Refused("an occupant needs a first and a last name")
    with transaction.atomic():
        application = locked(application)
        require(actor, "add-occupant", application)
        check_transition("add-occupant", application.status)
        occupant = Occupant.objects.create(
            application=application,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            age=age,
            relationship=relationship.strip(),
        )
        record(
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
            application_id=application.pk,
            jurisdiction_slug=application.jurisdiction.slug,
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
    with transaction.atomic():
        application = locked(application)
        require(actor, "add-occupant", application)
        check_transition("add-occupant", application.status)
        visitor = Visitor.objects.create(
            application=application, name=name.strip(), arrived_on=arrived_on
        )
        record(
            actor=actor,
            action="add-visitor",
            obj=visitor,
            at=now,
            before=None,
            after={"name": visitor.name, "arrived_on": arrived_on.isoformat()},
            application_id=application.pk,
            jurisdiction_slug=application.jurisdiction.slug,
        )
    return visitor
