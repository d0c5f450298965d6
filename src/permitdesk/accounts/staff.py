"""Staff and roles: who grants, changes and revokes a staff role in a jurisdiction.

Three operations, each one transaction with its audit event (actor, action, before, after)
and an e-mail through the outbox to the person whose role changed. Who may make them
(docs/decisions/0012-staff-and-roles.md):

- an operator (a `manage.py staff` command: `actor=None`, with the OS user name in `operator`)
  and a superuser (the admin): any role, in any jurisdiction;
- a division administrator: clerk, inspector and code official, in their own jurisdiction only,
  and never their own roles;
- nobody: the revocation (or change) of a jurisdiction's last division administrator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NotRequired, TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from permitdesk.accounts.mailing import public_link
from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.services import record
from permitdesk.notices.account_messages import queue_account_message
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused

# The roles a division administrator hands out; the division administrator's own role is an
# operator's or a superuser's to give, so no administrator can make another behind their back.
STAFF_ROLES: tuple[str, ...] = (Role.CLERK, Role.INSPECTOR, Role.CODE_OFFICIAL)
GRANTABLE: tuple[str, ...] = (*STAFF_ROLES, Role.DIVISION_ADMIN)

# Each operation's e-mail (notices/templates/notices/<kind>.*) to the person it concerns.
MESSAGES = {
    "grant-role": "role-granted",
    "change-role": "role-changed",
    "revoke-role": "role-revoked",
}


def role_named(value: str, *, field: str = "role") -> str:
    """`value` as a grantable role; else refused, naming the field and what is allowed."""
    if value not in GRANTABLE:
        raise Refused(
            f"{field} '{value}' is not one of: {', '.join(GRANTABLE)}", code="role", field=field
        )
    return value


def find_account(text: str) -> User:
    """The active account whose username or e-mail is `text` (either, case-insensitive);
    refused, naming the field `user`, when there is none or the e-mail is not one person's."""
    wanted = text.strip()
    if not wanted:
        raise Refused("give a username or an e-mail address", code="required", field="user")
    found = list(
        User.objects.filter(Q(username__iexact=wanted) | Q(email__iexact=wanted)).order_by("pk")[:2]
    )
    exact = [u for u in found if u.username.lower() == wanted.lower()]
    if exact:
        found = exact[:1]
    if not found:
        raise Refused(
            f"no account has the username or e-mail '{wanted}'; "
            "the person signs up first, then you grant the role",
            code="no-account",
            field="user",
        )
    if len(found) > 1:
        raise Refused(
            f"more than one account has the e-mail '{wanted}'; give the username",
            code="ambiguous",
            field="user",
        )
    return found[0]


def administers(user: User, jurisdiction_id: int) -> bool:
    return Membership.objects.filter(
        user_id=user.pk, jurisdiction_id=jurisdiction_id, role=Role.DIVISION_ADMIN
    ).exists()


def _require_may_manage(
    actor: User | None, jurisdiction: Jurisdiction, role: str, person: User
) -> None:
    """An operator (None) or a superuser may manage any role anywhere; a division
    administrator the staff roles of their own jurisdiction, others' only; nobody else."""
    if actor is None or actor.is_superuser:
        return
    if not administers(actor, jurisdiction.pk):
        raise Forbidden(
            f"you are not a division administrator of {jurisdiction.name}",
            field="jurisdiction",
        )
    if role not in STAFF_ROLES:
        raise Forbidden(
            f"a division administrator grants {', '.join(STAFF_ROLES)}; "
            f"the {role} role is given by an operator or a superuser",
            field="role",
        )
    if person.pk == actor.pk:
        raise Forbidden(
            "you may not change your own roles; ask another division administrator",
            field="user",
        )


def _keep_a_division_admin(membership: Membership) -> None:
    """A jurisdiction always keeps one division administrator: its staff would otherwise have
    nobody but an operator to turn to."""
    if membership.role != Role.DIVISION_ADMIN:
        return
    # Every administrator's row of the jurisdiction, locked: two revocations at once cannot
    # each leave the other as the last one and so remove both.
    held = Membership.objects.select_for_update().filter(
        jurisdiction_id=membership.jurisdiction_id, role=Role.DIVISION_ADMIN
    )
    if not [pk for pk in held.values_list("pk", flat=True) if pk != membership.pk]:
        raise Refused(
            f"{membership.user.username} is the last division administrator of "
            f"{membership.jurisdiction.name}; grant the role to someone else first",
            code="last-division-admin",
            field="role",
        )


def _state(membership: Membership, role: str | None) -> dict[str, Any]:
    return {
        "user": membership.user.username,
        "jurisdiction": membership.jurisdiction.slug,
        "role": role,
    }


class RoleChangeBy(TypedDict):
    """Who makes a role change, and when: a person (`actor`), or an operator's command
    (`actor=None`, the OS user name in `operator`)."""

    actor: User | None
    now: dt.datetime
    operator: NotRequired[str]


def _after(state: dict[str, Any], actor: User | None, operator: str) -> dict[str, Any]:
    """The event's after, with the operator's OS user name when the actor is a command."""
    return {**state, "operator": operator or "unknown"} if actor is None else state


def _audit_and_mail(
    action: str,
    membership: Membership,
    before: str | None,
    after: str | None,
    **by: Unpack[RoleChangeBy],
) -> None:
    """The role change's audit event, and its e-mail to the person (`before` and `after`:
    their role in the jurisdiction, None where they held or hold none)."""
    actor, now = by["actor"], by["now"]
    record(
        actor=actor,
        action=action,
        obj=membership,
        at=now,
        before=_state(membership, before),
        after=_after(_state(membership, after), actor, by.get("operator", "")),
        jurisdiction_slug=membership.jurisdiction.slug,
    )
    person = membership.user
    queue_account_message(
        kind=MESSAGES[action],
        to=person.email,
        context={
            "email": person.email,
            "name": person.get_full_name() or person.username,
            "jurisdiction": membership.jurisdiction.name,
            "before": before,
            "after": after,
            "by": (actor.get_full_name() or actor.username) if actor else "an operator",
            "link": public_link("web:staff-home"),
        },
        at=now,
    )


def _locked(membership: Membership) -> Membership:
    """The membership's row, locked for the change, with its person and jurisdiction."""
    return (
        Membership.objects.select_for_update()
        .select_related("user", "jurisdiction")
        .get(pk=membership.pk)
    )


def grant_role(
    *, user: User, jurisdiction: Jurisdiction, role: str, **by: Unpack[RoleChangeBy]
) -> Membership:
    """Give `user` the staff `role` in `jurisdiction`."""
    role_named(role)
    with transaction.atomic():
        _require_may_manage(by["actor"], jurisdiction, role, user)
        if not user.is_active:
            raise Refused(
                f"the account {user.username} is deactivated", code="inactive", field="user"
            )
        # The user's row, locked: two grants at once cannot both pass the check below.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Membership.objects.filter(user=user, jurisdiction=jurisdiction, role=role).exists():
            raise Refused(
                f"{user.username} is already {role} in {jurisdiction.name}",
                code="already",
                field="user",
            )
        membership = Membership.objects.create(user=user, jurisdiction=jurisdiction, role=role)
        _audit_and_mail("grant-role", membership, None, role, **by)
    return membership


def change_role(*, membership: Membership, role: str, **by: Unpack[RoleChangeBy]) -> Membership:
    """Make one of a person's roles in a jurisdiction another (a clerk becomes an inspector)."""
    role_named(role)
    actor = by["actor"]
    with transaction.atomic():
        found = _locked(membership)
        previous = found.role
        _require_may_manage(actor, found.jurisdiction, previous, found.user)
        _require_may_manage(actor, found.jurisdiction, role, found.user)
        if role == previous:
            raise Refused(
                f"{found.user.username} is already {role}", code="unchanged", field="role"
            )
        if Membership.objects.filter(
            user_id=found.user_id, jurisdiction_id=found.jurisdiction_id, role=role
        ).exists():
            raise Refused(
                f"{found.user.username} already holds {role} in {found.jurisdiction.name}",
                code="already",
                field="role",
            )
        _keep_a_division_admin(found)
        found.role = role
        found.save(update_fields=["role"])
        _audit_and_mail("change-role", found, previous, role, **by)
    return found


def revoke_role(*, membership: Membership, **by: Unpack[RoleChangeBy]) -> Membership:
    """Take one role in one jurisdiction away from a person; the removed membership (its pk
    kept) is returned."""
    with transaction.atomic():
        found = _locked(membership)
        _require_may_manage(by["actor"], found.jurisdiction, found.role, found.user)
        _keep_a_division_admin(found)
        _audit_and_mail("revoke-role", found, found.role, None, **by)
        pk = found.pk
        found.delete()
        found.pk = pk
    return found


def membership_of(user: User, jurisdiction: Jurisdiction, role: str) -> Membership:
    """The membership `user` holds as `role` in `jurisdiction`; refused when there is none."""
    role_named(role)
    found = (
        Membership.objects.select_related("user", "jurisdiction")
        .filter(user=user, jurisdiction=jurisdiction, role=role)
        .first()
    )
    if found is None:
        raise Refused(
            f"{user.username} is not {role} in {jurisdiction.name}",
            code="not-held",
            field="role",
        )
    return found
