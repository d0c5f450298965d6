from __future__ import annotations

from django.contrib import admin
from django.urls import path

from permitdesk.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
