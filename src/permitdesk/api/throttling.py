"""The API's side of the throttles: a bad bearer token is counted against its client, and a
client over the limit is answered 429 with Retry-After (permitdesk.accounts.throttle)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from permitdesk.accounts import throttle
from permitdesk.accounts.clients import client_ip


def _bearer(request: HttpRequest) -> bool:
    scheme = str(request.META.get("HTTP_AUTHORIZATION", "")).partition(" ")[0]
    return scheme.lower() == "bearer"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(throttle.Throttled)
    def throttled(request: HttpRequest, exc: throttle.Throttled) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        if _bearer(request):  # a token was sent, and it is not a valid one
            try:
                throttle.count("api-token", client_ip(request), now=timezone.now())
            except throttle.Throttled as over:
                return throttled(request, over)
        return api.create_response(request, {"detail": exc.message}, status=exc.status_code)
