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
