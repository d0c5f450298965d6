"""manage.py sweep: the deadline sweep (see permitdesk.sweeps.run); the same as
`permitdesk sweep`. Run it hourly (docs/operations.md: Deadlines and the sweep)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from permitdesk.sweeps.arguments import add_arguments
from permitdesk.sweeps.command import execute


class Command(BaseCommand):
    help = "Lapse approvals, end permits, flag late reports and visitors, queue reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        status = execute(
            argparse.Namespace(**options),
            stdout=self.stdout,
            stderr=sys.stderr,
            clock=timezone.now,
        )
        if status:
            raise CommandError("the sweep did not run", returncode=status)
