"""The people around a jurisdiction's cases: its applicant, another applicant, its staff, and
a clerk of another jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from tests.factories.records import staff, user


@dataclass(frozen=True)
class People:
    owner: User  # the applicant of every case built here
    other: User  # another applicant
    clerk: User
    inspector: User  # assigned to the cases' inspections
    inspector_unassigned: User
    official: User
    clerk_elsewhere: User  # a clerk of St. Louis County

    def roles(self) -> dict[str, User | None]:
        """Every caller the permission tests try, anonymous last."""
        return {**self.__dict__, "anonymous": None}

    def crew(self) -> dict[str, User]:
        """The staff by role, as the steps take them."""
        return {
            Role.CLERK: self.clerk,
            Role.INSPECTOR: self.inspector,
            Role.CODE_OFFICIAL: self.official,
        }


def people(slug: str = "clayton-mo") -> People:
    crew = staff(slug)
    return People(
        owner=user("owner"),
        other=user("other-applicant"),
        clerk=crew[Role.CLERK],
        inspector=crew[Role.INSPECTOR],
        inspector_unassigned=user("inspector-2", Role.INSPECTOR, slug),
        official=crew[Role.CODE_OFFICIAL],
        clerk_elsewhere=user("county-clerk", Role.CLERK, "st-louis-county-mo"),
    )
