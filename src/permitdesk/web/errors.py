"""Error pages: friendly, no stack trace, the same look as the rest of the site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token, or after the token expired (settings
    CSRF_FAILURE_VIEW). What the user typed is not saved; they go back and send it again."""
    return render(request, "web/csrf_failure.html", status=403)
