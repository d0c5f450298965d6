"""manage.py load_jurisdictions: a Jurisdiction row for each shipped pack (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from permitdesk.demo.jurisdictions import sync_jurisdictions


class Command(BaseCommand):
    help = (
        "Create or update a Jurisdiction row for each shipped pack (src/permitdesk/packs). "
        "Safe to run again: rows already as the packs say are left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for row in sync_jurisdictions():
            self.stdout.write(f"{row.outcome:<9}  {row.slug:<22}  {row.name}")
