"""Sign in with the e-mail address (applicants' user name) or the user name (staff, demo)."""

from __future__ import annotations

from typing import Any, NamedTuple

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest


class Credentials(NamedTuple):
    """What a sign-in gives: the user name and password typed, and any other keyword."""

    username: str | None
    password: str | None
    extra: dict[str, Any]


class SignInStep:
    """Django's authenticate(), as it calls each of AUTHENTICATION_BACKENDS, written once;
    a backend's own step is its sign_in()."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        return self.sign_in(request, Credentials(username, password, kwargs))

    def sign_in(self, request: HttpRequest | None, credentials: Credentials) -> User | None:
        raise NotImplementedError


class EmailOrUsernameBackend(SignInStep, ModelBackend):
    def sign_in(self, request: HttpRequest | None, credentials: Credentials) -> User | None:
        username, password = credentials.username, credentials.password
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


class LockoutBackend(SignInStep, AxesStandaloneBackend):  # type: ignore[misc]  # axes is untyped
    """django-axes's lockout check, first of AUTHENTICATION_BACKENDS: a locked-out user name
    and client are refused before any password is checked (429, the lockout page).

    authenticate() without a request (the test client's login(), a shell) is no sign-in from
    a client: there is no client to count or lock, so it passes on to the next backend, where
    axes's own backend would raise. Every sign-in page passes its request."""

    def sign_in(self, request: HttpRequest | None, credentials: Credentials) -> User | None:
        if request is None:
            return None
        username, password, extra = credentials
        AxesStandaloneBackend.authenticate(self, request, username, password, **extra)
        return None
