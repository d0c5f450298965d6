"""Who may see and do what. A case a user may not see is reported as not found (404), so
its existence is not disclosed; an action a user may see but not take is refused (403)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.models import Application

Actor = User | AnonymousUser

# action -> the roles that may take it; "owner" is the applicant of the case itself.
ACTIONS: dict[str, frozenset[str]] = {
    "submit": frozenset({"owner", Role.CLERK, Role.CODE_OFFICIAL}),
    "record-payment": frozenset({Role.CLERK, Role.CODE_OFFICIAL}),
    "waive-fee": frozenset({Role.CODE_OFFICIAL}),
    "request-inspection": frozenset({"owner", Role.CLERK, Role.CODE_OFFICIAL}),
    "assign-inspector": frozenset({Role.CLERK, Role.CODE_OFFICIAL}),
    "record-result": frozenset({"assigned-inspector", Role.CODE_OFFICIAL}),
    "add-occupant": frozenset({"owner", Role.CLERK, Role.CODE_OFFICIAL}),
    "issue-permit": frozenset({Role.CLERK, Role.CODE_OFFICIAL}),
    "issue-conditional-permit": frozenset({Role.CODE_OFFICIAL}),
    "issue-temporary-permit": frozenset({Role.CODE_OFFICIAL}),
    "end-permit": frozenset({Role.CLERK, Role.CODE_OFFICIAL}),
    "amend-permit": frozenset({Role.CLERK, Role.CODE_OFFICIAL}),
    "withdraw": frozenset({"owner", Role.CLERK, Role.CODE_OFFICIAL}),
    "view-audit": frozenset({Role.CLERK, Role.CODE_OFFICIAL}),
}


class NotFound(LookupError):
    """The object does not exist, or this user may not know it does."""


class Forbidden(PermissionError):
    """The user may see the case but not take this action."""


def roles(user: Actor, jurisdiction_id: int) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user_id=user.pk, jurisdiction_id=jurisdiction_id).values_list(
            "role", flat=True
        )
    )


def visible_applications(user: Actor) -> QuerySet[Application]:
    """The cases a user may see: their own, their jurisdictions', their assigned inspections."""
    if not user.is_authenticated:
        return Application.objects.none()
    staff = Membership.objects.filter(user_id=user.pk, role__in=[Role.CLERK, Role.CODE_OFFICIAL])
    inspector = Membership.objects.filter(user_id=user.pk, role=Role.INSPECTOR)
    return Application.objects.filter(
        Q(applicant_id=user.pk)
        | Q(jurisdiction_id__in=staff.values("jurisdiction_id"))
        | Q(
            jurisdiction_id__in=inspector.values("jurisdiction_id"),
            inspections__inspector_id=user.pk,
        )
    ).distinct()


def require(
    user: Actor, action: str, application: Application, inspector_id: int | None = None
) -> None:
    """Raise NotFound if the user may not see the case, Forbidden if they may not act on it."""
    held = roles(user, application.jurisdiction_id)
    if user.is_authenticated and application.applicant_id == user.pk:
        held.add("owner")
    if (
        inspector_id is not None
        and user.is_authenticated
        and inspector_id == user.pk
        and Role.INSPECTOR in held
    ):
        held.add("assigned-inspector")
    visible = held & {"owner", Role.CLERK, Role.CODE_OFFICIAL, "assigned-inspector"}
    if not visible and not (
        Role.INSPECTOR in held and application.inspections.filter(inspector_id=user.pk).exists()
    ):
        raise NotFound(f"application {application.pk} not found")
    if not held & ACTIONS[action]:
        raise Forbidden(f"your role may not {action.replace('-', ' ')} on this case")


def require_staff(user: Actor, jurisdiction_id: int, allowed: set[str]) -> None:
    if not roles(user, jurisdiction_id) & allowed:
        raise Forbidden("this needs a staff role in the jurisdiction")
