"""Where a signed-in user starts: staff who work the cases on their work queue, an inspector
(without a desk) on today's day sheet, a division administrator on the work queue (their
desk links to its staff list); applicants and the public on the home page. One read of the
memberships (web.nav's, cached on the request)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from permitdesk.accounts.models import Role
from permitdesk.web.nav import staff_roles

# The first of the user's roles in this order names their start page.
STARTS = (
    ({Role.CLERK, Role.CODE_OFFICIAL}, "web:staff-home"),
    ({Role.INSPECTOR}, "web:inspector-day"),
    ({Role.DIVISION_ADMIN}, "web:staff-home"),
)


def staff_start(request: HttpRequest) -> str | None:
    """The staff user's start page, or None for anyone without a staff role."""
    held = staff_roles(request)
    for wanted, name in STARTS:
        if held & wanted:
            return reverse(name)
    return None


def start_page(request: HttpRequest) -> str:
    """Where the user lands after signing in when no page asked for them (``next``)."""
    return staff_start(request) or reverse("web:home")
