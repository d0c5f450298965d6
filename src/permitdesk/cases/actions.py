"""Who may do what on a case, now: `allowed_actions(user, case)`, built from two tables, the
roles that may take each action (here) and the statuses each may start from (the lifecycle's
TRANSITIONS). The services check it with `require` before they change anything; the staff and
applicant pages show the forms and buttons it allows; the API answers from it.

What the law asks besides (the fee paid before the inspection, the occupants named before
the permit, a pack that provides for a conditional permit) is the rules' business: the service
refuses it with rules.lifecycle.Refused, after this check has passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Actor, Forbidden, NotFound, roles
from permitdesk.cases.models import Application
from permitdesk.cases.permissions import oversees_unit
from permitdesk.rules.lifecycle import TRANSITIONS, check_transition


class Action(StrEnum):
    """The actions a person takes on a case; the names are stable (the API lists them)."""

    RECORD_PAYMENT = "record-payment"
    REFUND_PAYMENT = "refund-payment"
    WAIVE_FEE = "waive-fee"
    REQUEST_INSPECTION = "request-inspection"
    ASSIGN_INSPECTOR = "assign-inspector"
    RECORD_RESULT = "record-result"
    ADD_OCCUPANT = "add-occupant"
    CHANGE_OCCUPANT = "change-occupant"
    CHANGE_INSPECTION_REQUEST = "change-inspection-request"
    ISSUE_PERMIT = "issue-permit"
    ISSUE_CONDITIONAL_PERMIT = "issue-conditional-permit"
    ISSUE_TEMPORARY_PERMIT = "issue-temporary-permit"
    AMEND_PERMIT = "amend-permit"
    END_PERMIT = "end-permit"
    WITHDRAW = "withdraw"
    VIEW_AUDIT = "view-audit"


OWNER = "owner"  # the applicant of the case itself
ASSIGNED = "assigned-inspector"  # the inspector assigned to the inspection at hand
DESK = frozenset({Role.CLERK, Role.CODE_OFFICIAL})

# action -> the roles that may take it.
ROLES: dict[Action, frozenset[str]] = {
    Action.RECORD_PAYMENT: DESK,
    Action.REFUND_PAYMENT: DESK,
    Action.WAIVE_FEE: frozenset({Role.CODE_OFFICIAL}),
    Action.REQUEST_INSPECTION: DESK | {OWNER},
    Action.ASSIGN_INSPECTOR: DESK,
    Action.RECORD_RESULT: frozenset({ASSIGNED, Role.CODE_OFFICIAL}),
    Action.ADD_OCCUPANT: DESK | {OWNER},
    Action.CHANGE_OCCUPANT: DESK | {OWNER},
    Action.CHANGE_INSPECTION_REQUEST: DESK | {OWNER},
    Action.ISSUE_PERMIT: DESK,
    Action.ISSUE_CONDITIONAL_PERMIT: frozenset({Role.CODE_OFFICIAL}),
    Action.ISSUE_TEMPORARY_PERMIT: frozenset({Role.CODE_OFFICIAL}),
    Action.AMEND_PERMIT: DESK,
    Action.END_PERMIT: DESK,
    Action.WITHDRAW: DESK | {OWNER},
    Action.VIEW_AUDIT: DESK,
}

# action -> the lifecycle transition whose statuses it may start from (of the same name); an
# action missing here may be taken in any status (a refund, an inspector's assignment,
# reading the history).
TRANSITION: dict[Action, str] = {
    action: str(action) for action in Action if str(action) in TRANSITIONS
}


def held_roles(
    user: Actor, jurisdiction_id: int, applicant_id: int, inspector_ids: Iterable[int | None]
) -> set[str]:
    """The user's roles in the case's jurisdiction, with `owner` for the case's applicant and
    `assigned-inspector` for an inspector assigned to one of `inspector_ids` (the inspection
    at hand, or the case's pending ones)."""
    return _on_the_case(roles(user, jurisdiction_id), user, applicant_id, inspector_ids)


def _on_the_case(
    held: set[str], user: Actor, applicant_id: int, inspector_ids: Iterable[int | None]
) -> set[str]:
    if not user.is_authenticated:
        return held
    if applicant_id == user.pk:
        held.add(OWNER)
    if Role.INSPECTOR in held and user.pk in set(inspector_ids):
        held.add(ASSIGNED)
    return held


def case_roles(user: Actor, case: Application, inspector_ids: set[int] | None = None) -> set[str]:
    """held_roles of `case`; `inspector_ids` None: the inspectors of its pending inspections
    (read only for an inspector; prefetch them for a page)."""
    held = roles(user, case.jurisdiction_id)
    if inspector_ids is None:
        inspector_ids = set()
        if Role.INSPECTOR in held:
            pending = (i for i in case.inspections.all() if i.result == "pending")
            inspector_ids = {i.inspector_id for i in pending if i.inspector_id is not None}
    return _on_the_case(held, user, case.applicant_id, inspector_ids)


def may_take(held: set[str], action: Action, status: str) -> bool:
    """The two tables: one of `held` may take `action`, and `status` admits it."""
    transition = TRANSITION.get(action)
    return bool(held & ROLES[action]) and (transition is None or status in TRANSITIONS[transition])


def actions_of(held: set[str], status: str) -> frozenset[Action]:
    """The actions roles `held` may take on a case in `status`."""
    return frozenset(action for action in Action if may_take(held, action, status))


def allowed_actions(user: Actor, case: Application) -> frozenset[Action]:
    """The actions `user` may take on `case` now."""
    return actions_of(case_roles(user, case), case.status)


def flags(allowed: frozenset[Action]) -> dict[str, bool]:
    """Every action by its name in lower case (`record_payment`), allowed or not: what a
    template reads (`may.record_payment`)."""
    return {action.name.lower(): action in allowed for action in Action}


def require_role(
    user: Actor, action: str, case: Application, inspector_id: int | None = None
) -> Action:
    """NotFound if the user may not see the case; Forbidden (code "role") if no role of theirs
    may take `action`. `inspector_id`: the inspector of the inspection at hand."""
    wanted = Action(action)
    held = case_roles(user, case, None if inspector_id is None else {inspector_id})
    visible = held & (DESK | {OWNER, ASSIGNED})
    if not visible and not (
        Role.INSPECTOR in held and case.inspections.filter(inspector_id=user.pk).exists()
    ):
        if oversees_unit(user, case.unit_id):  # they see it, read-only (decision 0013)
            raise Forbidden(
                "as the unit's owner of record or managing agent you see this case; its "
                "applicant and the building division act on it",
                code="role",
            )
        raise NotFound(f"application {case.pk} not found")
    if not held & ROLES[wanted]:
        raise Forbidden(f"your role may not {wanted.replace('-', ' ')} on this case", code="role")
    return wanted


def require(user: Actor, action: str, case: Application, inspector_id: int | None = None) -> None:
    """The services' one check, on the locked case, before they change anything: the user may
    see the case and take `action` (require_role), and the case's status admits it (else
    rules.lifecycle.Refused, code "status")."""
    transition = TRANSITION.get(require_role(user, action, case, inspector_id))
    if transition is not None:
        check_transition(transition, case.status)
