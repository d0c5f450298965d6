from __future__ import annotations

from django.urls import URLPattern, path, re_path

from permitdesk.documents import views

app_name = "documents"
urlpatterns: list[URLPattern] = [
    path("permits/<int:permit_id>.pdf", views.permit_pdf, name="permit"),
    path(
        "violation-notices/<int:inspection_id>.pdf",
        views.violation_notice_pdf,
        name="violation-notice",
    ),
    path("receipts/<int:payment_id>.pdf", views.receipt_pdf, name="receipt"),
    re_path(
        r"^tenant-letters/(?P<slug>[-a-z0-9]+)/(?P<day>\d{4}-\d{2}-\d{2})\.pdf$",
        views.tenant_letters_pdf,
        name="tenant-letters",
    ),
    re_path(
        r"^tenant-letters/(?P<slug>[-a-z0-9]+)/"
        r"(?P<first>\d{4}-\d{2}-\d{2})--(?P<last>\d{4}-\d{2}-\d{2})\.pdf$",
        views.tenant_letters_period_pdf,
        name="tenant-letters-period",
    ),
]
