"""Who gets into the staff pages: a signed-in user with a staff role somewhere (else 403), and
the services' NotFound / Forbidden mapped to Django's 404 / 403."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.nav import staff_roles

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=Model)

DESK: set[str] = {Role.CLERK, Role.CODE_OFFICIAL}  # the roles that work the cases of a jurisdiction
# Every staff role: the staff home's (a division administrator's desk links to its staff list).
ANY_STAFF: set[str] = {Role.CLERK, Role.CODE_OFFICIAL, Role.INSPECTOR, Role.DIVISION_ADMIN}

# What a staff action's service raises for a request it refuses: the refusal goes on the form
# and the page answers 422 (NotFound and Forbidden, below, are the 404 and 403 pages).
SERVICE_ERRORS = (Refused, ValueError)


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, known signed in (login_required ran)."""
    user = request.user
    assert isinstance(user, User)
    return user


def staff_page(
    roles: set[str] | None = None,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A staff view: sign-in first; 403 for a user without one of `roles` (any staff role by
    default) in any jurisdiction; the services' NotFound and Forbidden become 404 and 403."""
    wanted: set[str] = roles or {Role.CLERK, Role.CODE_OFFICIAL, Role.INSPECTOR}

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not staff_roles(request) & wanted:
                raise PermissionDenied("this page is for the building division's staff")
            try:
                return view(request, *args, **kwargs)
            except NotFound as missing:
                raise Http404(str(missing)) from None
            except Forbidden as refused:
                raise PermissionDenied(str(refused)) from None

        return wrapped

    return decorate


def one_of(items: Iterable[M], pk: int, what: str) -> M:
    """The one of `items` (a case's permits, fee lines, inspections; a jurisdiction's staff
    roles) the URL names, by its pk; not found (404) for any other."""
    found = next((item for item in items if item.pk == pk), None)
    if found is None:
        raise NotFound(f"{what} {pk} not found")
    return found
