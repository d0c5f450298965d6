"""The site's 400, 404 and 500 answers (site.urls' handler400/404/500): JSON under /api/, where
clients read `{detail}` and not a page; the portal's pages everywhere else."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from permitdesk.api.errors import too_big_body

API = "/api/"


def _in_api(request: HttpRequest) -> bool:
    return request.path.startswith(API)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not _in_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):  # read before the API's own handler saw it
        return JsonResponse(too_big_body(), status=413)
    return JsonResponse({"detail": "the request could not be understood"}, status=400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not _in_api(request):
        return defaults.page_not_found(request, exception)
    detail = f"no API endpoint at {request.path[:200]}: the endpoints are listed at /api/docs"
    return JsonResponse({"detail": detail}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if not _in_api(request):
        return defaults.server_error(request)
    return JsonResponse({"detail": "the server failed to answer this request"}, status=500)
