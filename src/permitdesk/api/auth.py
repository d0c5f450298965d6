"""Who is calling: a bearer token (ApiToken, stored as its SHA-256 digest) or the Django
session of the portal. `actor(request)` is the user the services act for."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import F
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from permitdesk.accounts.models import ApiToken, token_digest
from permitdesk.accounts.permissions import remember_memberships


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked token, or one of an inactive user, is none."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        """The token's user and their memberships in one query (a row per membership, the
        LEFT JOIN giving one row with none when they have none)."""
        rows = list(
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
            .annotate(
                held_in=F("user__memberships__jurisdiction_id"),
                held_as=F("user__memberships__role"),
            )
        )
        if not rows:
            return None
        user = rows[0].user
        held = [(r.held_in, r.held_as) for r in rows if r.held_in is not None]
        remember_memberships(user, held)
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
