"""The primary navigation, by what the signed-in user is: the public, an applicant, or staff
with roles in one or more jurisdictions (one query for the memberships per request)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from permitdesk.accounts.models import Membership, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


# (label, url name) per audience; staff see the union of their roles' items.
PUBLIC = [
    ("Fee estimator", "web:estimate"),
    ("Do I need a permit?", "web:guides"),
    ("Verify a permit", "web:verify"),
]
APPLICANT = [
    ("My cases", "web:my-cases"),
    ("Add a property", "web:property-new"),
    ("Claim a property", "web:claim-new"),
    ("Fee estimator", "web:estimate"),
]
BY_ROLE = {
    Role.CLERK: [
        ("Work queue", "web:staff-home"),
        ("Search", "web:staff-search"),
        ("Claims", "web:staff-claims"),
    ],
    Role.CODE_OFFICIAL: [
        ("Work queue", "web:staff-home"),
        ("Search", "web:staff-search"),
        ("Claims", "web:staff-claims"),
    ],
    Role.INSPECTOR: [("Today's inspections", "web:inspector-day")],
    Role.DIVISION_ADMIN: [("Staff and roles", "web:staff-people")],
}


def staff_roles(request: HttpRequest) -> set[str]:
    """The user's staff roles in any jurisdiction, read once per request."""
    return {role for role, _ in _memberships(request)}


def jurisdictions_where(request: HttpRequest, roles: set[str]) -> list[int]:
    """The ids of the jurisdictions where the user holds one of `roles`, from the same read
    (so a page can name them to the database as values: the staff search, cases.search)."""
    return sorted({place for role, place in _memberships(request) if role in roles})


def _memberships(request: HttpRequest) -> set[tuple[str, int]]:
    """(role, jurisdiction id) of each of the user's memberships: one query per request."""
    cached: set[tuple[str, int]] | None = getattr(request, "_pd_memberships", None)
    if cached is None:
        user = request.user
        cached = (
            set(Membership.objects.filter(user_id=user.pk).values_list("role", "jurisdiction_id"))
            if user.is_authenticated
            else set()
        )
        request._pd_memberships = cached  # type: ignore[attr-defined]
    return cached


def _items(request: HttpRequest, entries: list[tuple[str, str]]) -> list[NavItem]:
    items: list[NavItem] = []
    seen: set[str] = set()
    for label, name in entries:
        if name in seen:
            continue
        seen.add(name)
        try:
            url = reverse(name)
        except NoReverseMatch:  # an area not installed in this deployment's URLconf
            continue
        items.append(NavItem(label, url, False))
    # The current section: the item whose address is the longest start of this page's path
    # (a case page under /staff/ is in the work queue's section; /staff/search/ in Search's).
    here = max(
        (i for i in items if request.path.startswith(i.url) and i.url != "/"),
        key=lambda i: len(i.url),
        default=None,
    )
    return [NavItem(i.label, i.url, i is here) for i in items]


def navigation(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``nav.items`` for base.html, ``nav.roles`` for pages. A page made
    before the middleware ran (the 400 for a Host header not allowed) has no user: public."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {"items": _items(request, PUBLIC), "roles": set()}}
    held = staff_roles(request)
    entries = [entry for role in BY_ROLE if role in held for entry in BY_ROLE[role]]
    if not entries:
        entries = APPLICANT
    return {"nav": {"items": _items(request, entries), "roles": held}}
