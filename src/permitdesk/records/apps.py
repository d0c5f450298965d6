from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "permitdesk.records"
    verbose_name = "Properties and units"
