"""The staff pages' URLs (included by permitdesk.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
