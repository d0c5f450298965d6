"""Who holds which role where, and the two refusals of access. A case a user may not see is
reported as not found (404), so its existence is not disclosed; an action a user may see but
not take is refused (403). What a role may do on a case is the cases' business
(permitdesk.cases.actions); this module knows users and memberships only."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from permitdesk.accounts.models import Membership, Role

Actor = User | AnonymousUser


class NotFound(LookupError):
    """The object does not exist, or this user may not know it does."""

    code = "not-found"
    field: str | None = None


class Forbidden(PermissionError):
    """The user may see the case but not take this action. `code` is stable for clients, as
    rules.lifecycle.Refused's is; `field` names the input it concerns, where there is one."""

    def __init__(self, reason: str, *, code: str = "forbidden", field: str | None = None) -> None:
        self.reason, self.code, self.field = reason, code, field
        super().__init__(reason)


# Where the API's token check leaves the user's (jurisdiction id, role) pairs, read in its
# own query: the request's permission checks then read no memberships of their own.
HELD = "permitdesk_memberships"


# ... and the ids of those jurisdictions by slug, which spares a staff page its lookup.
NAMED = "permitdesk_membership_slugs"


def remember_memberships(
    user: User, held: list[tuple[int, str]], slugs: dict[str, int] | None = None
) -> None:
    setattr(user, HELD, held)
    setattr(user, NAMED, slugs or {})


def membership_jurisdiction(user: Actor, slug: str) -> int | None:
    """The id of the jurisdiction `slug` if the user's memberships, as read with the token,
    name it; None when they do not, or were not read that way."""
    named: dict[str, int] = getattr(user, NAMED, {})
    return named.get(slug)


def memberships(user: Actor) -> list[tuple[int, str]]:
    """The user's (jurisdiction id, role) pairs: those read with the token, or one query."""
    if not user.is_authenticated:
        return []
    held: list[tuple[int, str]] | None = getattr(user, HELD, None)
    if held is None:
        held = list(
            Membership.objects.filter(user_id=user.pk).values_list("jurisdiction_id", "role")
        )
    return held


def roles(user: Actor, jurisdiction_id: int) -> set[str]:
    return {role for j, role in memberships(user) if j == jurisdiction_id}


def staff_who(held: set[str]) -> str:
    """Who the roles `held` in a jurisdiction make a person there, when none of them is clerk
    or code official, for a refusal: "inspectors", "division administrators"."""
    names = {Role.INSPECTOR: "inspectors", Role.DIVISION_ADMIN: "division administrators"}
    return " and ".join(names[Role(role)] for role in sorted(held) if role in names) or "staff"


def staff_in(held: list[tuple[int, str]]) -> list[int]:
    """The jurisdictions where these memberships make a clerk or a code official."""
    return sorted({j for j, role in held if role in (Role.CLERK, Role.CODE_OFFICIAL)})


def require_staff(user: Actor, jurisdiction_id: int, allowed: set[str]) -> None:
    if not roles(user, jurisdiction_id) & allowed:
        raise Forbidden("this needs a staff role in the jurisdiction")
