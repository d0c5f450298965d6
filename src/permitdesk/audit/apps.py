from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "permitdesk.audit"
    verbose_name = "Audit trail and outbox"
