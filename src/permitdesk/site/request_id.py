"""A request id for every request: taken from the proxy's X-Request-ID when it is a sane
token, else made here; it is on every log line of the request and on its response, so a
person's "the page said error" can be found in the logs."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_META = "HTTP_X_REQUEST_ID"
# A proxy's id (nginx's $request_id is 32 hex digits): letters, digits, - _ . only, so a
# forged header cannot break a log line or the response's header.
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

current: ContextVar[str] = ContextVar("request_id", default="-")


def of_request(request: object) -> str | None:
    """The id given to a request (django.request logs its 4xx and 5xx after the middleware
    has returned, with the request attached to the record)."""
    rid = getattr(request, "request_id", None)
    return rid if isinstance(rid, str) else None


def request_id_of(request: HttpRequest) -> str:
    given = request.META.get(_META, "")
    return given if _SANE.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every later log line of the request carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id_of(request)
        request.request_id = rid  # type: ignore[attr-defined]  # for django.request's lines
        token = current.set(rid)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = rid
        return response
