from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from permitdesk.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("documents/", include("permitdesk.documents.urls")),
    path("", include("permitdesk.exports.urls")),
    path("", include("permitdesk.web.urls")),
]

# JSON under /api/, the portal's pages elsewhere.
handler400 = "permitdesk.api.site_errors.bad_request"
handler404 = "permitdesk.api.site_errors.page_not_found"
handler500 = "permitdesk.api.site_errors.server_error"
