"""The API's answers to what the services and rules refuse, and the error codes each operation
declares (so the OpenAPI document lists every status an operation can return).

  NotFound → 404 · Forbidden → 403 {detail, code} · Refused → 409 {detail, citation, code, field}
  FactError → 422 naming the fact · NotPermitted, NotInForce, UnknownName → 422
  OutOfRange (a date too far off, rules.bounds) → 422 naming the field
  request validation → 422 with field errors · malformed JSON → 400 (ninja) · no auth → 401
  a body that is not JSON (Content-Type) → 415 · a body over DATA_UPLOAD_MAX_MEMORY_SIZE → 413
  RateLimited → 429 with Retry-After
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.accounts.rate_limit import RateLimited
from permitdesk.api.schemas.common import ErrorOut, RefusedOut, ValidationErrorOut
from permitdesk.law.pack import NotInForce, UnknownName
from permitdesk.rules.bounds import OutOfRange
from permitdesk.rules.facts import FactError
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import NotPermitted

# The 422 error types the rules raise for input the schema cannot describe (a fact's value, a
# fee item of the pack, a list's cursor); any other 422 type is pydantic's, from the schema.
DOMAIN_422 = ("fact", "unknown-name", "not-in-force", "not-permitted", "cursor", "out-of-range")

ERRORS: dict[int, type] = {
    400: ErrorOut,  # malformed JSON
    413: ErrorOut,  # a body larger than the site takes
    415: ErrorOut,  # a body that is not JSON
    401: ErrorOut,  # no valid token or session
    403: ErrorOut,  # the role may see the case but not do this; or a failed CSRF check
    404: ErrorOut,  # no such object, or one the caller may not know of
    409: RefusedOut,  # the lifecycle or the pack refuses it now
    422: ValidationErrorOut,  # invalid input
    429: ErrorOut,  # too many requests from one client (the public verification)
}


def responses(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """`ok` and the error responses `codes`, for an operation's `response=`."""
    return {**ok, **{code: ERRORS[code] for code in codes}}


# The codes of public operations with a JSON body; of signed-in actions with and without a
# body (403: the role may not, or a session without its CSRF token); of signed-in reads.
PUBLIC_BODY = (400, 413, 415, 422)
AUTH_BODY = (400, 401, 403, 404, 409, 413, 415, 422)
ACTION = (401, 403, 404, 409, 422)
AUTH_READ = (401, 404, 422)


class NotJSON(ValueError):
    """A body sent as something other than JSON (text/plain, a form): 415."""


def is_json(content_type: str) -> bool:
    """application/json, or a JSON-based type such as application/merge-patch+json."""
    kind = content_type.strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


class StrictJSON(Parser):
    """JSON as RFC 8259 has it: NaN and Infinity are malformed (400), not numbers; and only a
    body that says it is JSON (415 otherwise: a text/plain body was read as JSON)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if not is_json(request.content_type or ""):
            raise NotJSON(
                f"Content-Type '{(request.content_type or '(none)')[:80]}' is not supported: "
                "send the body as application/json"
            )
        data: dict[str, Any] = json.loads(request.body, parse_constant=_no_constants)
        return data


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _invalid(
    api: NinjaAPI, request: HttpRequest, loc: list[str | int], msg: str, kind: str
) -> HttpResponse:
    body = {"detail": [{"loc": loc, "msg": msg, "type": kind}]}
    return api.create_response(request, body, status=422)


def _loc(loc: Sequence[str | int]) -> list[str | int]:
    """ninja puts the endpoint's parameter name after "body" (["body", "body", "amount"]);
    clients know the field, not our parameter: ["body", "amount"]."""
    parts = list(loc)
    return ["body", *parts[2:]] if parts[:2] == ["body", "body"] else parts


def install(api: NinjaAPI) -> None:
    """Register the handlers on the one NinjaAPI."""

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja turns whatever parse_body raises into HttpError(400) "from" it.
        if isinstance(exc.__cause__, NotJSON):
            return api.create_response(request, {"detail": str(exc.__cause__)}, status=415)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return api.create_response(request, too_big_body(), status=413)

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=404)

    @api.exception_handler(Forbidden)
    def forbidden(request: HttpRequest, exc: Forbidden) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc), "code": exc.code}, status=403)

    @api.exception_handler(Refused)
    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        body = {
            "detail": exc.reason,
            "citation": exc.citation,
            "code": exc.code,
            "field": exc.field,
        }
        return api.create_response(request, body, status=409)

    @api.exception_handler(OutOfRange)
    def out_of_range(request: HttpRequest, exc: OutOfRange) -> HttpResponse:
        return _invalid(api, request, ["body", exc.field], exc.reason, "out-of-range")

    @api.exception_handler(FactError)
    def fact_error(request: HttpRequest, exc: FactError) -> HttpResponse:
        return _invalid(api, request, ["body", "facts", exc.fact], str(exc), "fact")

    @api.exception_handler(UnknownName)
    def unknown_name(request: HttpRequest, exc: UnknownName) -> HttpResponse:
        return _invalid(api, request, ["body"], str(exc), "unknown-name")

    @api.exception_handler(NotInForce)
    def not_in_force(request: HttpRequest, exc: NotInForce) -> HttpResponse:
        return _invalid(api, request, ["body"], str(exc), "not-in-force")

    @api.exception_handler(NotPermitted)
    def not_permitted(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        return _invalid(api, request, ["body", "facts"], str(exc), "not-permitted")

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        detail = [
            {"loc": _loc(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
            for e in exc.errors
        ]
        return api.create_response(request, {"detail": detail}, status=422)


def too_big_body() -> dict[str, str]:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return {"detail": f"the request body is larger than the {limit} bytes this site takes"}
