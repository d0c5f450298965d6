"""Who gets into the staff pages: a signed-in user with a staff role somewhere (else 403), and
the services' NotFound / Forbidden mapped to Django's 404 / 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.web.nav import staff_roles

P = ParamSpec("P")
R = TypeVar("R")

DESK: set[str] = {Role.CLERK, Role.CODE_OFFICIAL}  # the roles that work the cases of a jurisdiction


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


def refusal_text(error: Exception) -> str:
    """A service's refusal as a sentence for the page (Refused carries its citation)."""
    reason = getattr(error, "reason", None) or str(error)
    citation = getattr(error, "citation", None)
    text = reason[:1].upper() + reason[1:]
    if not text.endswith("."):
        text += "."
    return f"{text} ({citation})" if citation else text


def attach_refusal(form: Any, error: Exception, fields: dict[str, str] | None = None) -> None:
    """Put a service's refusal beside the field it concerns: `fields` maps the first word(s)
    of the service's reason ("amount", "method") to a field name; otherwise it is a non-field
    error at the top of the form."""
    field = getattr(error, "field", None)
    if field and field in getattr(form, "fields", {}):  # the refusal names its field
        form.add_error(field, refusal_text(error))
        return
    reason = (getattr(error, "reason", None) or str(error)).lower()
    named = getattr(error, "field", None)  # rules.bounds.OutOfRange names its input
    if named in getattr(form, "fields", {}):
        form.add_error(named, refusal_text(error))
        return
    for start, name in (fields or {}).items():
        if reason.startswith(start):
            form.add_error(name, refusal_text(error))
            return
    form.add_error(None, refusal_text(error))
