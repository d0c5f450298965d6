"""The portal's URLs, namespace "web": accounts and home here, each area in its own module."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from permitdesk.web.accounts import views as account_views
from permitdesk.web.applicant import urls as applicant_urls
from permitdesk.web.home import home
from permitdesk.web.public import urls as public_urls
from permitdesk.web.staff import urls as staff_urls

app_name = "web"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", home, name="home"),
    *account_views.urlpatterns,
    *public_urls.urlpatterns,
    *applicant_urls.urlpatterns,
    *staff_urls.urlpatterns,
]
