"""Who is calling: a bearer token (ApiToken, stored as its SHA-256 digest) or the Django
session of the portal. `actor(request)` is the user the services act for; `acting(request)`
is that user and the moment, as every service takes them (`actor=`, `now=`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from permitdesk.accounts import throttle
from permitdesk.accounts.clients import client_ip
from permitdesk.accounts.models import token_digest
from permitdesk.accounts.permissions import remember_memberships
from permitdesk.api.reads.sql import Row, fetch, json_rows

# The user's fields an API call needs, in the model's order (as Model.from_db takes them);
# the rest (the password hash, the dates) stay unread: deferred, read if ever asked for.
NEEDED = {"id", "username", "first_name", "last_name", "email", "is_staff", "is_superuser"}
USER_FIELDS = [f.attname for f in User._meta.concrete_fields if f.attname in NEEDED | {"is_active"}]
WIDTH = len(USER_FIELDS) + 1  # the token row's columns: the user's, then their memberships


@cache
def _token_user(vendor: str) -> str:
    """One row: the token's active user and, as a JSON column, their memberships with each
    jurisdiction's slug (built once per database kind; json_rows() reads the connection's)."""
    held = json_rows("m.jurisdiction_id", "m.role", "j.slug")
    return (
        f"SELECT {', '.join('u.' + f for f in USER_FIELDS)}, (SELECT {held} "
        "FROM accounts_membership m JOIN records_jurisdiction j ON j.id = m.jurisdiction_id "
        "WHERE m.user_id = u.id) "
        "FROM accounts_apitoken t JOIN auth_user u ON u.id = t.user_id "
        "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active "
        # A digest names one token. LIMIT keeps the row a row of its own where read_as joins
        # it to a read's rows: PostgreSQL would otherwise read the memberships once per row.
        "LIMIT 1"
    )


@dataclass(frozen=True)
class PendingToken:
    """A bearer token not checked yet: the busiest reads check it with the statement that
    reads their rows (`read_as`); it answers 401 there if it is not a valid token."""

    digest: str


def token_user(row: Row | None) -> User | None:
    """The user of a token row (_token_user), with their memberships; None for no row."""
    if row is None:
        return None
    user = User.from_db(connection.alias, USER_FIELDS, row[: len(USER_FIELDS)])
    held = row[len(USER_FIELDS)]
    found = json.loads(held) if isinstance(held, str) else held or []
    remember_memberships(user, [(j, role) for j, role, _ in found], {s: j for j, _, s in found})
    return user


def token_holder(token: str) -> User | None:
    """The active user whose unrevoked token this is, with their memberships; or None."""
    rows = fetch(_token_user(connection.vendor), [token_digest(token)])
    return token_user(rows[0] if rows else None)


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked token, or one of an inactive user, is none.

    The check is one hand-written statement (every API call makes it, 0006). `deferred`: the
    operation checks the token itself, with its read (`read_as`)."""

    def __init__(self, *, deferred: bool = False) -> None:
        super().__init__()
        self.deferred = deferred

    def __call__(self, request: HttpRequest) -> User | PendingToken | None:
        """HttpBearer's reading of the header, from request.META: request.headers would first
        copy every header of the request (on every API call) to read this one."""
        value = request.META.get("HTTP_AUTHORIZATION")
        if not value:
            return None
        scheme, _, token = value.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None
        # A client that sent too many bad tokens is refused before its token is looked at
        # (429; permitdesk.api.throttling counts the bad ones).
        throttle.check("api-token", client_ip(request), now=timezone.now())
        return self.authenticate(request, token)

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
    """`statement`'s rows and the user reading them; a pending token is checked by the same
    statement (401 if it is not valid): its row, joined to each of the read's rows. The read's
    first column must never be NULL (it tells a row from the LEFT JOIN's none); its rows come
    back in no set order."""
    if isinstance(who, User):
        return who, fetch(statement, params)
    rows = fetch(
        f"SELECT w.*, r.* FROM ({_token_user(connection.vendor)}) w "
        f"LEFT JOIN ({statement}) r ON 1 = 1",
        [who.digest, *params],
    )
    user = token_user(rows[0] if rows else None)
    if user is None:
        raise AuthenticationError()
    return user, [row[WIDTH:] for row in rows if row[WIDTH] is not None]


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
# The busiest reads: the token is checked by the read's own statement (read_as).
AUTH_DEFERRED = [BearerToken(deferred=True), SessionAuth()]


def actor(request: HttpRequest) -> User:
    """The authenticated user of an operation that requires authentication."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


class Acting(TypedDict):
    """Who acts and when: the keywords every service takes from the call itself."""

    actor: User
    now: dt.datetime


def acting(request: HttpRequest) -> Acting:
    """`actor=` and `now=` for a service: the authenticated user, acting now."""
    return {"actor": actor(request), "now": timezone.now()}
