"""Who is calling: a bearer token (ApiToken, stored as its SHA-256 digest) or the Django
session of the portal. `actor(request)` is the user the services act for."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from permitdesk.accounts.models import token_digest
from permitdesk.accounts.permissions import remember_memberships

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


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked token, or one of an inactive user, is none."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        """The token's user and their memberships in one statement (a row per membership,
        the LEFT JOIN giving one row with none when they have none). Every API call makes
        it, so it is written out rather than compiled by the ORM each time (0006)."""
        with connection.cursor() as cursor:
            cursor.execute(TOKEN_USER, [token_digest(token)])
            rows = cursor.fetchall()
        if not rows:
            return None
        user = User.from_db(connection.alias, USER_FIELDS, rows[0][: len(USER_FIELDS)])
        held = [(j, role) for *_, j, role, _ in rows if j is not None]
        remember_memberships(user, held, {slug: j for *_, j, _, slug in rows if j is not None})
        return user


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


def actor(request: HttpRequest) -> User:
    """The authenticated user of an operation that requires authentication."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user
