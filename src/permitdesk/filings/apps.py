from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "permitdesk.filings"
    default_auto_field = "django.db.models.BigAutoField"
