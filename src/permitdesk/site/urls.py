from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from permitdesk.api import open311
from permitdesk.api.api import api

FORMAT = r"\.(?P<fmt>json|xml)$"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Open311 GeoReport v2 (decision 0022): a city's 311 system submits residents' reports.
    re_path(r"^open311/v2/services" + FORMAT, open311.services),
    re_path(r"^open311/v2/services/(?P<code>[^/.]+)" + FORMAT, open311.service_definition),
    re_path(r"^open311/v2/requests" + FORMAT, open311.requests),
    re_path(r"^open311/v2/requests/(?P<request_id>[^/.]+)" + FORMAT, open311.request_status),
    path("documents/", include("permitdesk.documents.urls")),
    path("", include("permitdesk.exports.urls")),
    path("", include("permitdesk.web.urls")),
]

# JSON under /api/, the portal's pages elsewhere.
handler400 = "permitdesk.api.site_errors.bad_request"
handler404 = "permitdesk.api.site_errors.page_not_found"
handler500 = "permitdesk.api.site_errors.server_error"
