"""The site's URLs and one view that fails, as a bug would."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from permitdesk.site.urls import urlpatterns as site


def boom(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("a bug in a view")


urlpatterns = [path("boom/", boom), *site]
