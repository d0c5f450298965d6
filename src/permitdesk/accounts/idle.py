"""A signed-in session ends after SESSION_IDLE_SECONDS without a request.

The time of the last request is kept in the session and written at most once a minute, so a
signed-in page costs no session write of its own (Django's SESSION_SAVE_EVERY_REQUEST would
write on every request); signing in sets it, so the first page after it writes nothing either."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LAST_SEEN = "permitdesk_last_seen"
REFRESH_SECONDS = 60


class SessionIdleMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware: signs out a session idle for too
    long, and the request goes on as an anonymous one (a page that needs a sign-in sends the
    person to it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            seen = request.session.get(LAST_SEEN)
            if isinstance(seen, int) and now - seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, "You were signed out after a time without activity.")
            elif not isinstance(seen, int) or now - seen >= REFRESH_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def mark_signed_in(
    sender: object, request: HttpRequest, user: AbstractBaseUser | AnonymousUser, **kwargs: object
) -> None:
    """user_logged_in's receiver: the session starts its idle clock at the sign-in."""
    request.session[LAST_SEEN] = int(timezone.now().timestamp())
