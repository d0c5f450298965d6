"""The answers to a refused sign-in or a throttled try: 429, with the wait in words and in
Retry-After (permitdesk.accounts.throttle, django-axes's lockout)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from permitdesk.accounts import throttle


def too_many(request: HttpRequest, refusal: throttle.Throttled) -> HttpResponse:
    """429 with the wait, in words and in Retry-After."""
    response = render(request, "web/accounts/throttled.html", {"message": str(refusal)}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def locked_out(
    request: HttpRequest, original_response: object = None, credentials: object = None
) -> HttpResponse:
    """django-axes's answer to a locked-out sign-in, the portal's or the admin's (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = render(request, "web/accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
