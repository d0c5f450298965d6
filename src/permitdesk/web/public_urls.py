"""The public pages' URLs (included by permitdesk.web.urls): the fee estimator, the "do I need a
permit?" guides and permit verification. No sign-in."""

from __future__ import annotations

from django.urls import URLPattern, path

from permitdesk.web import public_estimate, public_guide, public_verify

urlpatterns: list[URLPattern] = [
    path("estimate/", public_estimate.estimate, name="estimate"),
    path(
        "estimate/<slug:jurisdiction>/<slug:item>/",
        public_estimate.estimate_item,
        name="estimate-item",
    ),
    path("guide/", public_guide.guides, name="guides"),
    path("guide/<slug:slug>/", public_guide.guide, name="guide"),
    path("verify/", public_verify.verify, name="verify"),
    path("verify/<str:token>/", public_verify.verify_token, name="verify-token"),
]
