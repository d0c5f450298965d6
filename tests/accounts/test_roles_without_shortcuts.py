"""A superuser is not silently a member of every jurisdiction: it grants roles, and acts on a
case only through a membership, like anyone else. A division administrator manages people, not
cases, and is staff for the second factor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts import staff, two_factor
from permitdesk.accounts.models import Role
from permitdesk.cases.actions import allowed_actions
from permitdesk.cases.permissions import visible_applications
from tests import factories
from tests.accounts.staff.conftest import NOW

pytestmark = pytest.mark.django_db


def test_a_superuser_acts_on_cases_only_through_a_membership() -> None:
    who = factories.people()
    case = factories.submitted(who)
    root = factories.superuser()
    assert allowed_actions(root, case) == frozenset()
    assert not visible_applications(root).exists()
    staff.grant_role(
        actor=root, user=root, jurisdiction=case.jurisdiction, role=Role.CLERK, now=NOW
    )
    root = User.objects.get(pk=root.pk)  # a new request: the memberships read afresh
    assert visible_applications(root).filter(pk=case.pk).exists()
    assert allowed_actions(root, case) == allowed_actions(who.clerk, case)


def test_a_division_administrator_has_no_case_powers() -> None:
    who = factories.people()
    case = factories.submitted(who)
    admin = factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo")
    assert allowed_actions(admin, case) == frozenset()
    assert not visible_applications(admin).exists()


def test_a_division_administrator_is_staff_for_the_second_factor() -> None:
    admin = factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo")
    applicant = factories.user("applicant")
    assert two_factor.is_staff(admin)
    assert not two_factor.is_staff(applicant)
