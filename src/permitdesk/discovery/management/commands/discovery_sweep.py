"""manage.py discovery_sweep [--jurisdiction SLUG] [--now ISO]: match pending sales, close
answered leads, open the leads now due (permitdesk.discovery.sweep)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from permitdesk.discovery.sweep import run_discovery
from permitdesk.sweeps.command import SweepUsageError, check_jurisdiction, parse_now


class Command(BaseCommand):
    help = "Match pending sales records, close answered leads and open the leads now due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jurisdiction", default=None, help="one jurisdiction (slug)")
        parser.add_argument("--now", default=None, help="as of this moment, with its offset")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            now = parse_now(options["now"], timezone.now)
            check_jurisdiction(options["jurisdiction"])
        except SweepUsageError as error:
            raise CommandError(str(error)) from None
        for line in run_discovery(now=now, jurisdiction=options["jurisdiction"]).lines:
            self.stdout.write(line)
