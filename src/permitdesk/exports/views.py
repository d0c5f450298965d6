"""The inspector's calendar feed and its link, and the CSV exports. Thin: they read the
request, call permitdesk.exports' functions and services, and answer."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden, roles
from permitdesk.accounts.tokens import token_holder
from permitdesk.exports.date_range import BadParameter, date_range
from permitdesk.exports.ical import inspector_calendar
from permitdesk.exports.links import feed_for_secret, url_of
from permitdesk.exports.services import is_inspector, issue_feed, rotate_feed
from permitdesk.exports.tables import csv_lines
from permitdesk.exports.versions import version_of
from permitdesk.records.models import Jurisdiction

EXPORTERS = {Role.CLERK, Role.CODE_OFFICIAL}
SIGN_IN = "sign in first"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _text(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _feed_answer(url: str) -> JsonResponse:
    """The URL and its webcal:// form; never cached, since the URL is the secret."""
    response = JsonResponse({"url": url, "webcal": "webcal://" + url.split("://", 1)[-1]})
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe  # calendar apps may ask HEAD first
def inspection_feed(request: HttpRequest, secret: str) -> HttpResponseBase:
    """The inspector's schedule (text/calendar); an unknown or rotated secret is 404.

    With an ETag and a Last-Modified date: a calendar that sends back If-None-Match or
    If-Modified-Since gets 304 and no body while the feed reads the same. "no-cache" makes
    it ask every time rather than trust a copy."""
    feed = feed_for_secret(secret)
    if feed is None or not is_inspector(feed.user):
        return _text("no such calendar feed", 404)
    now = timezone.now()
    body = inspector_calendar(feed.user, now)
    version = version_of(feed, body, now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="inspections.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    response["ETag"] = version.etag
    response["Last-Modified"] = http_date(version.last_modified.timestamp())
    unchanged = get_conditional_response(
        request,
        etag=version.etag,
        last_modified=int(version.last_modified.timestamp()),
        response=response,
    )
    return unchanged or response


def _signed_in(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


@require_GET
def my_feed(request: HttpRequest) -> JsonResponse:
    """JSON {"url", "webcal"}: the signed-in inspector's feed URL, made on first ask."""
    user = _signed_in(request)
    if user is None:
        return JsonResponse({"detail": SIGN_IN}, status=401)
    try:
        return _feed_answer(url_of(issue_feed(user=user, now=timezone.now())))
    except Forbidden as refused:
        return JsonResponse({"detail": str(refused)}, status=403)


@require_POST
def rotate_my_feed(request: HttpRequest) -> HttpResponseBase:
    """A new secret (CSRF-protected POST); the old URL answers 404 from now on. Answers the new
    URL as JSON, or redirects to the form's `next` (a path on this site) if it gave one."""
    user = _signed_in(request)
    if user is None:
        return JsonResponse({"detail": SIGN_IN}, status=401)
    try:
        feed = rotate_feed(user=user, now=timezone.now())
    except Forbidden as refused:
        return JsonResponse({"detail": str(refused)}, status=403)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return HttpResponseRedirect(target)
    return _feed_answer(url_of(feed))


def _caller(request: HttpRequest) -> User | None:
    """The session's user, or the owner of an API token (`Authorization: Bearer <token>`)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token_holder(token.strip())
    return _signed_in(request)


@require_GET
def export_csv(request: HttpRequest, kind: str) -> HttpResponseBase:
    """`kind` (cases, inspections, payments or permits) of one jurisdiction for a date range.

    Who gets what: the jurisdiction's clerks and code officials get the export. Its
    inspectors get 403 (their schedule is their calendar feed; the case and payment lists are
    the office's). Anyone else, an applicant or the staff of another jurisdiction, gets 404, as
    for an unknown jurisdiction, since the jurisdiction's records are not theirs to know.
    Without a session or an API token: 401. A missing or bad `from`, `to` or `jurisdiction`:
    400 naming it.
    """
    user = _caller(request)
    if user is None:
        return _text(f"{SIGN_IN}, or send Authorization: Bearer <API token>", 401)
    slug = request.GET.get("jurisdiction", "").strip()
    if not slug:
        return _text("jurisdiction is required: a jurisdiction's slug, e.g. clayton-mo", 400)
    jurisdiction = Jurisdiction.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    held = roles(user, jurisdiction.pk) if jurisdiction is not None else set()
    if jurisdiction is None or not held:
        return _text(f"jurisdiction '{slug[:64]}' not found", 404)
    if not held & EXPORTERS:
        return _text("exports are for the jurisdiction's clerks and code officials", 403)
    try:
        dates = date_range(request.GET.get("from"), request.GET.get("to"))
    except BadParameter as bad:
        return _text(str(bad), 400)
    response = StreamingHttpResponse(
        csv_lines(kind, jurisdiction, dates), content_type="text/csv; charset=utf-8"
    )
    name = f"{slug}-{kind}-{dates.first.isoformat()}-to-{dates.last.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
