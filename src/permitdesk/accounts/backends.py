"""Sign in with the e-mail address (applicants' user name) or the user name (staff, demo)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        given = username.strip()
        # The exact user name first; else the one account with this e-mail address.
        candidates = list(
            User.objects.filter(Q(username=given) | Q(email__iexact=given)).order_by("id")[:3]
        )
        exact = [u for u in candidates if u.username == given]
        matches = exact or candidates
        if len(matches) != 1:
            User().set_password(password)  # same time whether or not the account exists
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes is untyped
    """django-axes's lockout check, first of AUTHENTICATION_BACKENDS: a locked-out user name
    and client are refused before any password is checked (429, the lockout page).

    authenticate() without a request (the test client's login(), a shell) is no sign-in from
    a client: there is no client to count or lock, so it passes on to the next backend, where
    axes's own backend would raise. Every sign-in page passes its request."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None
