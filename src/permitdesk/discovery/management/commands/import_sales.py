"""manage.py import_sales FILE.csv --jurisdiction SLUG --actor USERNAME [--dry-run]: a county
recorder's or assessor's sales export (docs/discovery.md), through the imports' pipeline:
every problem printed with its line and column, nothing written if there is one, the counts
reconciled; then the rows written are matched to parcels and units (discovery.matching)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from permitdesk.discovery.keys import refresh_place_keys
from permitdesk.discovery.matching import match_pending
from permitdesk.discovery.sales import KIND
from permitdesk.imports.management.commands.import_records import run_file
from permitdesk.records.models import Jurisdiction


class Command(BaseCommand):
    requires_system_checks = ()  # as import_records: run many times, checked by manage.py check
    help = "Import a sales export (recorded transfers) and match it to parcels and units."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a UTF-8 CSV file with a header row")
        parser.add_argument("--actor", required=True, help="the clerk or code official importing")
        parser.add_argument("--jurisdiction", default="", help="the rows' jurisdiction (slug)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if run_file(self, KIND, options, now).written:
            self._match(options, now)

    def _match(self, options: dict[str, Any], now: dt.datetime) -> None:
        actor = User.objects.get(username=options["actor"])
        places = Jurisdiction.objects.order_by("slug")
        if options["jurisdiction"]:
            places = places.filter(slug=options["jurisdiction"])
        for place in places:
            refresh_place_keys(jurisdiction=place, actor=actor, now=now)
            matched = match_pending(jurisdiction=place, actor=actor, now=now)
            if any(vars(matched).values()):
                self.stdout.write(f"{place.slug}: " + matched.lines()[0])
