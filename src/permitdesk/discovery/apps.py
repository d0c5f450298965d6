from __future__ import annotations

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "permitdesk.discovery"
    label = "discovery"
    verbose_name = "Finding unreported changes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A lead closes in the transaction of the application that answers it (decision
        # 0020, Revision); the sweep's close_answered_leads stays as the safety net.
        from permitdesk.cases.filing import on_filing
        from permitdesk.discovery.leads import close_leads_answered_by

        on_filing(close_leads_answered_by)
