"""The public pages' URLs (included by permitdesk.web.urls): the fee estimator, the "do I need a
permit?" guides, permit verification and residents' reports of a change of occupancy. No
sign-in."""

from __future__ import annotations

from django.urls import URLPattern, path

from permitdesk.web.public import estimate, guide, payment_webhook, report, verify

urlpatterns: list[URLPattern] = [
    path("estimate/", estimate.estimate, name="estimate"),
    path(
        "estimate/<slug:jurisdiction>/<slug:item>/",
        estimate.estimate_item,
        name="estimate-item",
    ),
    path("guide/", guide.guides, name="guides"),
    path("guide/<slug:slug>/", guide.guide, name="guide"),
    path("verify/", verify.verify, name="verify"),
    path("verify/child/", verify.verify_child, name="verify-child"),
    path("verify/<str:token>/", verify.verify_token, name="verify-token"),
    path("report/", report.report, name="report"),
    path("report/check/", report.report_check, name="report-check"),
    path("report/<str:reference>/", report.report_status, name="report-status"),
    path(
        "payments/webhook/<slug:jurisdiction>/",
        payment_webhook.payment_webhook,
        name="payment-webhook",
    ),
]
