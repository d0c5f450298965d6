from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "permitdesk.imports"
    label = "imports"
    default_auto_field = "django.db.models.BigAutoField"
