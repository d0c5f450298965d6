"""Fixtures of the staff-and-roles service tests: Clayton's staff, its division administrator,
another jurisdiction's administrator, an applicant and a superuser without a membership."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Membership, Role
from permitdesk.records.models import Jurisdiction
from tests import factories
from tests.moments import central

NOW = central("2026-11-18 12:00")


@dataclass(frozen=True)
class Division:
    clayton: Jurisdiction
    elsewhere: Jurisdiction  # St. Louis County
    admin: User  # Clayton's division administrator
    admin_elsewhere: User  # St. Louis County's
    clerk: User
    inspector: User
    official: User
    applicant: User
    superuser: User

    def membership(self, person: User, role: str) -> Membership:
        return Membership.objects.get(user=person, jurisdiction=self.clayton, role=role)


@pytest.fixture
def who(db: None) -> Division:
    crew = factories.staff("clayton-mo")
    return Division(
        clayton=factories.jurisdiction("clayton-mo"),
        elsewhere=factories.jurisdiction("st-louis-county-mo"),
        admin=factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo"),
        admin_elsewhere=factories.user("county-admin", Role.DIVISION_ADMIN, "st-louis-county-mo"),
        clerk=crew[Role.CLERK],
        inspector=crew[Role.INSPECTOR],
        official=crew[Role.CODE_OFFICIAL],
        applicant=factories.user("applicant"),
        superuser=factories.superuser(),
    )
