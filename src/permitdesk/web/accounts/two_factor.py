"""The second factor's page: set up an authenticator app (a QR code and its key), or give its
code to finish signing in (permitdesk.accounts.two_factor)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from permitdesk.accounts import throttle
from permitdesk.accounts.two_factor import (
    DONE,
    NEEDED,
    SESSION_KEY,
    confirm_enrolment,
    confirmed_device,
    start_enrolment,
    verify_code,
)
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.accounts.refusals import too_many

TEMPLATE = "web/accounts/two_factor.html"


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if safe and wanted else "/"


def _setup(device: TOTPDevice) -> dict[str, object]:
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, title="QR code of your authenticator key", dark="#1b1b1b")
    key = b32encode(device.bin_key).decode()
    return {"qr": mark_safe(svg), "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4))}


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    now = timezone.now()
    device = confirmed_device(user)
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    context: dict[str, object] = {
        "next": _next(request),
        "device": device,
        "pending": pending,
        "required": settings.TWO_FACTOR_REQUIRED_FOR_STAFF,
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        code = request.POST.get("code", "")
        try:
            if action == "start":
                start_enrolment(user=user, now=now)
                return redirect(request.get_full_path())
            if action == "confirm":
                confirm_enrolment(user=user, code=code, now=now)
                request.session[SESSION_KEY] = DONE
                messages.success(request, "Your authenticator is set up: sign-in asks for it.")
                return redirect(_next(request))
            if action == "verify":
                throttle.count("two-factor", str(user.pk), now=now)
                if verify_code(user=user, code=code):
                    request.session[SESSION_KEY] = DONE
                    return redirect(_next(request))
                raise Refused("that code is not the one the app shows now; try the next one")
        except throttle.Throttled as refusal:
            return too_many(request, refusal)
        except Refused as refused:
            context["error"] = refused.reason
    if pending is not None and device is None:
        context.update(_setup(pending))
    context["owes_code"] = request.session.get(SESSION_KEY) == NEEDED and device is not None
    status = 422 if "error" in context else 200
    return render(request, TEMPLATE, context, status=status)
