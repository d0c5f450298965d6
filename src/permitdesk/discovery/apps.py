from __future__ import annotations

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "permitdesk.discovery"
    label = "discovery"
    verbose_name = "Finding unreported changes"
    default_auto_field = "django.db.models.BigAutoField"
