"""allowed_actions agrees with the services, for every role, status and action: an action is
allowed exactly when its service lets the caller past the permission check (no NotFound, no
Forbidden, no refusal of the case's status). What the law refuses after it (a fee due, an
occupant missing, a date too early) is not a question of who may act, and counts as let past.
Each call runs in a transaction rolled back, so the case stays in the status under test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.actions import ROLES, TRANSITION, Action, allowed_actions
from permitdesk.cases.models import Application, Inspection, Payment, Permit
from permitdesk.cases.selectors.history import visible_audit_trail
from permitdesk.cases.services import (
    applications,
    inspection_requests,
    inspections,
    occupants,
    payments,
    permit_amendments,
    permit_endings,
    permits,
)
from permitdesk.rules.lifecycle import STATUSES, Refused
from tests import factories
from tests.moments import central

NOW = central("2026-11-18 11:00")


class RolledBack(Exception):
    """Raised to undo a call that succeeded."""


def services(
    case: Application, visit: Inspection, paid: Payment, permit: Permit
) -> dict[Action, Callable[[User], Any]]:
    """Each action's service, called with input that is otherwise fine."""
    line, inspector, named = case.fee_lines.first(), visit.inspector, case.occupants.first()
    assert line is not None
    assert named is not None
    assert inspector is not None
    return {
        Action.RECORD_PAYMENT: lambda u: payments.record_payment(
            actor=u, application=case, method="check", amount=Decimal("1.00"), now=NOW
        ),
        Action.REFUND_PAYMENT: lambda u: payments.refund_payment(
            actor=u, payment=paid, amount=Decimal("1.00"), reason="overpaid", now=NOW
        ),
        Action.WAIVE_FEE: lambda u: payments.waive_fee(
            actor=u, fee_line=line, reason="hardship", now=NOW
        ),
        Action.REQUEST_INSPECTION: lambda u: inspections.request_inspection(
            actor=u,
            application=case,
            wanted_on=dt.date(2026, 11, 24),
            window="am",
            contact_name="O",
            contact_phone="1",
            now=NOW,
        ),
        Action.ASSIGN_INSPECTOR: lambda u: inspections.assign_inspector(
            actor=u, inspection=visit, inspector=inspector, now=NOW
        ),
        Action.RECORD_RESULT: lambda u: inspections.record_inspection_result(
            actor=u, inspection=visit, result="passed", now=NOW
        ),
        Action.ADD_OCCUPANT: lambda u: occupants.add_occupant(
            actor=u, application=case, first_name="Bo", last_name="Tenant", now=NOW
        ),
        Action.CHANGE_OCCUPANT: lambda u: occupants.change_occupant(
            actor=u, occupant=named, first_name="Bo", last_name="Renamed", now=NOW
        ),
        Action.CHANGE_INSPECTION_REQUEST: lambda u: inspection_requests.reschedule_inspection(
            actor=u, inspection=visit, wanted_on=dt.date(2026, 11, 24), window="pm", now=NOW
        ),
        Action.ISSUE_PERMIT: lambda u: permits.issue_permit(actor=u, application=case, now=NOW),
        Action.ISSUE_CONDITIONAL_PERMIT: lambda u: permits.issue_conditional_permit(
            actor=u,
            application=case,
            owner_statement="fixed by December",
            correction_due_on=dt.date(2026, 12, 15),
            now=NOW,
        ),
        Action.ISSUE_TEMPORARY_PERMIT: lambda u: permits.issue_temporary_permit(
            actor=u, application=case, now=NOW
        ),
        Action.AMEND_PERMIT: lambda u: permit_amendments.amend_permit(
            actor=u, application=case, now=NOW
        ),
        Action.END_PERMIT: lambda u: permit_endings.end_permit(
            actor=u, permit=permit, reason="superseded", now=NOW
        ),
        Action.WITHDRAW: lambda u: applications.withdraw_application(
            actor=u, application=case, now=NOW
        ),
        Action.VIEW_AUDIT: lambda u: list(visible_audit_trail(u, case.pk)),
    }


def lets_past(call: Callable[[User], Any], user: User) -> bool:
    """Whether the service lets `user` past its permission check (the change is undone)."""
    try:
        with transaction.atomic():
            call(user)
            raise RolledBack
    except RolledBack:
        return True
    except (NotFound, Forbidden):
        return False
    except Refused as refusal:
        return refusal.code != "status"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def test_the_tables_name_every_action_once() -> None:
    assert set(ROLES) == set(Action)
    assert set(TRANSITION) <= set(Action)


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
def test_allowed_actions_agree_with_the_services(status: str, media: Path) -> None:
    who = factories.people()
    case, booked = factories.scheduled(who)
    visit = Inspection.objects.select_related("inspector").get(pk=booked.pk)
    paid = case.payments.get()
    permit = Permit.objects.create(
        application=case,
        kind=Permit.Kind.STANDARD,
        number=f"T-{case.pk}",
        issued_at=NOW,
    )
    occupants.add_occupant(
        actor=who.clerk, application=case, first_name="Bo", last_name="Tenant", now=NOW
    )
    Application.objects.filter(pk=case.pk).update(status=status)
    case = Application.objects.get(pk=case.pk)
    calls = services(case, visit, paid, permit)
    disagreements = []
    for role, user in who.roles().items():
        if user is None:
            continue
        allowed = allowed_actions(user, Application.objects.get(pk=case.pk))
        for action, call in calls.items():
            if (action in allowed) != lets_past(call, user):
                disagreements.append((role, str(action), action in allowed))
    assert disagreements == []
    assert Application.objects.get(pk=case.pk).status == status  # every call was undone


@pytest.mark.django_db
def test_an_applicant_may_act_on_their_own_case_only() -> None:
    who = factories.people()
    case = factories.submitted(who)
    assert allowed_actions(who.owner, case) == {
        Action.REQUEST_INSPECTION,
        Action.ADD_OCCUPANT,
        Action.CHANGE_OCCUPANT,
        Action.WITHDRAW,
    }
    assert allowed_actions(who.other, case) == frozenset()
    assert allowed_actions(who.clerk_elsewhere, case) == frozenset()


@pytest.mark.django_db
def test_only_the_assigned_inspector_records_the_result() -> None:
    who = factories.people()
    booked, _ = factories.scheduled(who)
    case = Application.objects.get(pk=booked.pk)
    assert case.status == "inspection-requested"
    assert Action.RECORD_RESULT in allowed_actions(who.inspector, case)
    assert allowed_actions(who.inspector_unassigned, case) == frozenset()
