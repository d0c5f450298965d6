"""An applicant's own cases (their properties and units: permitdesk.records.selectors)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from permitdesk.cases.models import Application
from permitdesk.cases.permissions import overseen_cases
from permitdesk.records.models import Jurisdiction

User = AbstractBaseUser | AnonymousUser

CASES_PER_PAGE = 25


def my_cases(user: User) -> QuerySet[Application]:
    """The applicant's own cases, newest first (the index case_applicant_list)."""
    return (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


def my_filtered_cases(
    user: User, *, status: str = "", jurisdiction: str = "", text: str = ""
) -> QuerySet[Application]:
    """my_cases narrowed for an agent with many units: by status, by jurisdiction (its slug),
    and by `text`: a case number (or a unit label, a street number), else a part of the
    address or a unit label."""
    cases = my_cases(user)
    if status:
        cases = cases.filter(status=status)
    if jurisdiction:
        cases = cases.filter(jurisdiction__slug=jurisdiction)
    text = text.strip()
    number = text.removeprefix("#").removeprefix("Case ").strip()
    if number.isdigit():
        # A number is a case number, a unit's label or a street number, not any digit of
        # an address ("1" would match every street with a 1 in it).
        cases = cases.filter(
            Q(pk=int(number))
            | Q(unit__label__iexact=number)
            | Q(unit__property__address__istartswith=f"{number} ")
        )
    elif text:
        cases = cases.filter(
            Q(unit__property__address__icontains=text) | Q(unit__label__iexact=text)
        )
    return cases


def my_jurisdictions(user: User) -> QuerySet[Jurisdiction]:
    """The jurisdictions the applicant has cases in, by name: the list's filter offers these."""
    return (
        Jurisdiction.objects.filter(applications__applicant_id=user.pk)
        .distinct()
        .order_by("name")
        .only("slug", "name")
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
