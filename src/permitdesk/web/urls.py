"""The portal's URLs, namespace "web": accounts and home here, each area in its own module."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from permitdesk.web import account_views, applicant_urls, public_urls, staff_urls
from permitdesk.web.home import home

app_name = "web"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", home, name="home"),
    *account_views.urlpatterns,
    *public_urls.urlpatterns,
    *applicant_urls.urlpatterns,
    *staff_urls.urlpatterns,
]
