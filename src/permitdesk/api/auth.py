"""Who is calling: a bearer token (ApiToken, stored as its SHA-256 digest) or the Django
session of the portal. `actor(request)` is the user the services act for."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from permitdesk.accounts.models import ApiToken, token_digest


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked token, or one of an inactive user, is none."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        return found.user if found is not None else None


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
