from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "permitdesk.demo"
    verbose_name = "Demo data"
