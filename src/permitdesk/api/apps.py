from typing import Any

from django.apps import AppConfig
from django.core import checks


class ApiConfig(AppConfig):
    """The JSON API. No models; at start-up, the hand-written reads are held to their schemas."""

    name = "permitdesk.api"
    verbose_name = "JSON API"

    def ready(self) -> None:
        checks.register(reads_match_schemas)


def reads_match_schemas(**kwargs: Any) -> list[checks.CheckMessage]:
    """Every field of a fast read's schema has a column, and every column a field
    (permitdesk.api.reads.tables)."""
    # Imported here: the reads import the models, which load after the app configs.
    from permitdesk.api.reads.cases import READS
    from permitdesk.api.reads.lists import PAGE_ITEMS
    from permitdesk.api.reads.tables import all_mismatches

    return [
        checks.Error(problem, hint="update the read's table in permitdesk.api.reads", id="api.E001")
        for problem in all_mismatches((*READS, *PAGE_ITEMS))
    ]
