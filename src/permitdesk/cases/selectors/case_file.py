"""One case with everything its reader shows, in a fixed number of queries whatever the size
of the case: the API's case file (ApplicationOut), the staff case page, the applicant's case
page. Each of the case's lists has one ordering, here, for all three (and the API's one-
statement read, permitdesk.api.reads.cases, sorts its lists the same way: LIST_ORDERS)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from permitdesk.accounts.models import Membership
from permitdesk.accounts.permissions import Actor, NotFound
from permitdesk.cases.actions import allowed_actions
from permitdesk.cases.models import (
    Application,
    FeeLine,
    Inspection,
    Occupant,
    Payment,
    Permit,
    Violation,
    Visitor,
)
from permitdesk.cases.permissions import overseen_cases, visible_applications
from permitdesk.records.selectors import one

# Each list of a case file and the one order it is read in.
LIST_ORDERS: dict[str, tuple[str, ...]] = {
    "fee_lines": ("id",),
    "payments": ("id",),
    "inspections": ("number",),
    "violations": ("id",),
    "occupants": ("id",),
    "visitors": ("arrived_on", "id"),
    "permits": ("issued_at", "id"),
}
_MODELS = {
    "fee_lines": FeeLine,
    "payments": Payment,
    "occupants": Occupant,
    "visitors": Visitor,
    "permits": Permit,
}


def _list(name: str) -> Prefetch[str]:
    if name == "inspections":
        violations = Violation.objects.order_by(*LIST_ORDERS["violations"])
        visits = (
            Inspection.objects.order_by(*LIST_ORDERS["inspections"])
            .select_related("request", "inspector")
            .prefetch_related(Prefetch("violations", queryset=violations))
        )
        return Prefetch("inspections", queryset=visits)
    return Prefetch(name, queryset=_MODELS[name]._default_manager.order_by(*LIST_ORDERS[name]))


def with_lists(cases: QuerySet[Application], *names: str) -> QuerySet[Application]:
    """`cases` with the named lists prefetched, each in its order, and the case's place."""
    return cases.select_related("jurisdiction", "unit__property", "approval").prefetch_related(
        *(_list(name) for name in names)
    )


API_LISTS = ("fee_lines", "payments", "occupants", "visitors", "inspections", "permits")
STAFF_LISTS = ("fee_lines", "payments", "occupants", "inspections", "permits")


def application_detail(actor: Actor, pk: int) -> Application:
    """One case the caller may see, with its fees, balance, payments, inspections, occupants,
    visitors, permits and approval (ApplicationOut); NotFound for any other."""
    found = one(with_lists(visible_applications(actor), *API_LISTS), pk, "application")
    # ApplicationOut's allowed_actions, which the model does not hold
    found.allowed_actions = sorted(allowed_actions(actor, found))  # type: ignore[attr-defined]
    return found


def staff_case(user: User, pk: int) -> Application:
    """A case the user sees as staff, with what its page shows; NotFound for a case of another
    jurisdiction, or one the user sees only as its applicant."""
    staff_of = Membership.objects.filter(user_id=user.pk).values("jurisdiction_id")
    cases = visible_applications(user).filter(jurisdiction_id__in=staff_of)
    found = (
        with_lists(cases, *STAFF_LISTS)
        .select_related("applicant")
        .prefetch_related("parties")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(f"application {pk} not found")
    return found


def applicants_cases(
    user: AbstractBaseUser | AnonymousUser, *, overseen: bool = False
) -> QuerySet[Application]:
    """The cases the applicant's pages show: their own, and with `overseen` those on the units
    they oversee as verified owner of record or managing agent (read-only)."""
    mine = Q(applicant_id=user.pk)
    others = overseen_cases(user) if overseen else None
    return Application.objects.filter(mine if others is None else mine | others)


def my_case(
    user: AbstractBaseUser | AnonymousUser, pk: int, *, overseen: bool = False
) -> Application:
    """The applicant's case with everything its page shows; another applicant's case (or one
    that does not exist) is 404. `overseen`: also a case on a unit the user oversees as its
    verified owner of record or managing agent (its page, read-only)."""
    cases = applicants_cases(user, overseen=overseen).filter(pk=pk)
    found = with_lists(cases, *STAFF_LISTS).prefetch_related("unit__bedrooms", "parties").first()
    if found is None:
        raise Http404("case not found")
    return found
