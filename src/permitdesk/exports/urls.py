"""Calendar feeds at /feeds/, CSV exports at /exports/ (mounted at the site's root)."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from permitdesk.exports import views
from permitdesk.exports.tables import KINDS

app_name = "exports"
urlpatterns: list[URLPattern] = [
    # The secret is `<key>.<64 hex digits>` (permitdesk.exports.links); anything else is 404.
    re_path(
        r"^feeds/inspections/(?P<secret>[A-Za-z0-9_-]{1,32}\.[0-9a-f]{64})\.ics$",
        views.inspection_feed,
        name="inspection-feed",
    ),
    path("feeds/inspections/mine", views.my_feed, name="my-feed"),
    path("feeds/inspections/rotate", views.rotate_my_feed, name="rotate-feed"),
    re_path(rf"^exports/(?P<kind>{'|'.join(KINDS)})\.csv$", views.export_csv, name="export-csv"),
]
