"""Who is calling: a bearer token (ApiToken, stored as its SHA-256 digest) or the Django
session of the portal. `actor(request)` is the user the services act for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from permitdesk.accounts.models import token_digest
from permitdesk.accounts.permissions import remember_memberships
from permitdesk.api.reads.sql import Row, fetch, fetch_together

# The user's fields an API call needs, in the model's order (as Model.from_db takes them);
# the rest (the password hash, the dates) stay unread: deferred, read if ever asked for.
NEEDED = {"id", "username", "first_name", "last_name", "email", "is_staff", "is_superuser"}
USER_FIELDS = [f.attname for f in User._meta.concrete_fields if f.attname in NEEDED | {"is_active"}]
TOKEN_USER = (
    f"SELECT {', '.join('u.' + f for f in USER_FIELDS)}, m.jurisdiction_id, m.role, j.slug "
    "FROM accounts_apitoken t JOIN auth_user u ON u.id = t.user_id "
    "LEFT JOIN accounts_membership m ON m.user_id = u.id "
    "LEFT JOIN records_jurisdiction j ON j.id = m.jurisdiction_id "
    "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active"
)


@dataclass(frozen=True)
class PendingToken:
    """A bearer token not checked yet: the busiest reads check it in the same round trip as
    their own statement (`read_as`); it answers 401 there if it is not a valid token."""

    digest: str


def token_user(rows: list[Row]) -> User | None:
    """The user of TOKEN_USER's rows (a row per membership, the LEFT JOIN giving one row with
    none when they have none), with their memberships; None for no row."""
    if not rows:
        return None
    user = User.from_db(connection.alias, USER_FIELDS, rows[0][: len(USER_FIELDS)])
    held = [(j, role) for *_, j, role, _ in rows if j is not None]
    remember_memberships(user, held, {slug: j for *_, j, _, slug in rows if j is not None})
    return user


def token_holder(token: str) -> User | None:
    """The active user whose unrevoked token this is, with their memberships; or None."""
    return token_user(fetch(TOKEN_USER, [token_digest(token)]))


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked token, or one of an inactive user, is none.

    The check is one hand-written statement (every API call makes it, 0006). `deferred`: the
    operation checks the token itself, with its read (`read_as`)."""

    def __init__(self, *, deferred: bool = False) -> None:
        super().__init__()
        self.deferred = deferred

    def authenticate(self, request: HttpRequest, token: str) -> User | PendingToken | None:
        if self.deferred:
            return PendingToken(token_digest(token))
        return token_holder(token)


Caller = User | PendingToken


def caller(request: HttpRequest) -> Caller:
    """The user of an operation with AUTH_DEFERRED, or their token still to be checked."""
    found = getattr(request, "auth", None)
    if not isinstance(found, User | PendingToken):
        raise AuthenticationError()
    return found


def read_as(who: Caller, statement: str, params: Sequence[Any]) -> tuple[User, list[Row]]:
    """`statement`'s rows and the user reading them; a pending token is checked in the same
    round trip (401 if it is not valid)."""
    if isinstance(who, User):
        return who, fetch(statement, params)
    token_rows, rows = fetch_together([(TOKEN_USER, [who.digest]), (statement, params)])
    user = token_user(token_rows)
    if user is None:
        raise AuthenticationError()
    return user, rows


class SessionAuth(APIKeyCookie):
    """The portal's signed-in session. Unlike ninja's django_auth, a request without a signed-in
    session is simply not authenticated by it (401), and CSRF is checked only for a real
    session, where it matters."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if key is None or not isinstance(user, User) or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the csrftoken cookie's value")
        return user


AUTH = [BearerToken(), SessionAuth()]
# The busiest reads: the token is checked in the read's own round trip (read_as).
AUTH_DEFERRED = [BearerToken(deferred=True), SessionAuth()]


def actor(request: HttpRequest) -> User:
    """The authenticated user of an operation that requires authentication."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user
