"""A service's call from a page, made by the person signed in: every service takes the actor
and the moment, so a view names only what is its own and hands the call to
web.refusals.on_form() and its kin, which run it and put a refusal on the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

T = TypeVar("T")


def signed_in(request: HttpRequest) -> User:
    """The request's user, known signed in (login_required or staff_page ran)."""
    user = request.user
    assert isinstance(user, User)
    return user


def by_user(
    request: HttpRequest,
    service: Callable[..., T],
    /,
    *,
    now: dt.datetime | None = None,
    **arguments: Any,
) -> Callable[[], T]:
    """`service`, to be called with the signed-in user as its actor and `arguments`, at `now`:
    the moment it is called unless the view has read the clock already for the same check."""
    actor = signed_in(request)
    return lambda: service(actor=actor, now=now or timezone.now(), **arguments)
