from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "permitdesk.correspondence"
    default_auto_field = "django.db.models.BigAutoField"
