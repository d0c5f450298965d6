from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "permitdesk.cases"
    verbose_name = "Occupancy cases"
