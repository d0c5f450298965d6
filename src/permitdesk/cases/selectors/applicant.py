"""An applicant's own cases (their properties and units: permitdesk.records.selectors)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from permitdesk.cases.models import Application
from permitdesk.cases.permissions import overseen_cases

User = AbstractBaseUser | AnonymousUser

CASES_PER_PAGE = 25


def my_cases(user: User) -> QuerySet[Application]:
    """The applicant's own cases, newest first (the index case_applicant_list)."""
    return (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


def cases_on_my_properties(user: User) -> QuerySet[Application]:
    """The cases others filed on the units the user oversees as their verified owner of
    record or managing agent (permissions.OVERSEES), newest first: theirs to read."""
    overseen = overseen_cases(user)
    if overseen is None:
        return Application.objects.none()
    return (
        Application.objects.filter(overseen)
        .exclude(applicant_id=user.pk)
        .select_related("jurisdiction", "unit__property", "applicant")
        .order_by("-submitted_at", "-id")
    )
