"""A second factor at sign-in: a TOTP authenticator app (django-otp's TOTPDevice).

Anyone signed in may enrol one (start_enrolment, then confirm_enrolment with a code from the
app); with TWO_FACTOR_REQUIRED_FOR_STAFF on, staff must. At sign-in (the portal's or the
admin's) the session is marked as needing its code when the user has a confirmed device, or
is staff without one while it is required; until verify_code() (or the enrolment) clears it,
TwoFactorMiddleware lets the session reach only the second factor's page and sign-out. The
mark is in the session, so a page costs no query for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.own_acts import record_own_act, save_own_change
from permitdesk.rules.lifecycle import Refused

SESSION_KEY = "permitdesk_second_factor"
NEEDED, DONE = "needed", "done"
STAFF_ROLES = (Role.CLERK, Role.INSPECTOR, Role.CODE_OFFICIAL, Role.DIVISION_ADMIN)


def is_staff(user: User) -> bool:
    """Staff: the admin's users and anyone with a role in a jurisdiction."""
    return bool(
        user.is_staff
        or user.is_superuser
        or Membership.objects.filter(user_id=user.pk, role__in=STAFF_ROLES).exists()
    )


def confirmed_device(user: User) -> TOTPDevice | None:
    found: TOTPDevice | None = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return found


def needs_code(user: User) -> bool:
    if confirmed_device(user) is not None:
        return True
    return bool(settings.TWO_FACTOR_REQUIRED_FOR_STAFF) and is_staff(user)


def mark_signed_in(
    sender: object, request: HttpRequest, user: AbstractBaseUser | AnonymousUser, **kwargs: object
) -> None:
    """user_logged_in's receiver: whether this session must still give its code."""
    if isinstance(user, User) and needs_code(user):
        request.session[SESSION_KEY] = NEEDED
    else:
        request.session.pop(SESSION_KEY, None)


def start_enrolment(*, user: User, now: dt.datetime) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user` (an earlier unconfirmed one is dropped)."""
    with transaction.atomic():
        if confirmed_device(user) is not None:
            raise Refused("you already have an authenticator; remove it in the admin first")
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device: TOTPDevice = TOTPDevice.objects.create(
            user=user, name="authenticator app", confirmed=False
        )
        record_own_act(user, "start-two-factor", device, now)
    return device


def confirm_enrolment(*, user: User, code: str, now: dt.datetime) -> TOTPDevice:
    """The unconfirmed authenticator confirmed by a code it shows; refused on a wrong code."""
    with transaction.atomic():
        device: TOTPDevice | None = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        )
        if device is None:
            raise Refused("start setting up the authenticator first")
        if not device.verify_token(code.strip()):
            raise Refused("that code is not the one the app shows now; try the next one")
        save_own_change(user, "enrol-two-factor", device, "confirmed", True, now)
    return device


def verify_code(*, user: User, code: str) -> bool:
    """Whether `code` is the user's authenticator's current one (django-otp slows repeated
    wrong codes down: after each failure the next try must wait longer)."""
    device = confirmed_device(user)
    return device is not None and bool(device.verify_token(code.strip()))


ALWAYS_OPEN = ("web:two-factor", "web:sign-out")


class TwoFactorMiddleware:
    """After the session and authentication middleware: a session that still owes its code
    reaches only the second factor's page, sign-out and the static files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.session.get(SESSION_KEY) == NEEDED:
            open_paths = {reverse(name) for name in ALWAYS_OPEN}
            if request.path not in open_paths and not request.path.startswith(
                f"/{settings.STATIC_URL.strip('/')}/"
            ):
                if request.path.startswith("/api/"):
                    detail = "finish signing in with your authenticator code first"
                    return JsonResponse({"detail": detail}, status=403)
                target = reverse("web:two-factor") + "?" + urlencode({"next": request.path})
                return redirect(target)
        return self.get_response(request)
