"""manage.py import_records KIND FILE.csv [--dry-run] [--jurisdiction SLUG] --actor USERNAME:
go-live data from a CSV file (docs/import.md). Every problem is printed with its line and
column; a file with any problem writes nothing; the last lines reconcile the counts."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from permitdesk.imports.kinds import KINDS
from permitdesk.imports.pipeline import ImportRefused, Kind, Progress, Report, run
from permitdesk.law.pack import UnknownName


def progress_bar(label: str, total: int | None) -> Progress:
    """A tqdm bar on stderr, drawn only when stderr is a terminal (a log stays clean)."""
    bar = tqdm(
        total=total, desc=label, unit=" rows", file=sys.stderr, disable=not sys.stderr.isatty()
    )

    def tick(rows: int) -> None:
        bar.update(rows)
        if total is not None and bar.n >= total:
            bar.close()

    return tick


class Command(BaseCommand):
    # The system checks read every URL module (a second, at 100,000 rows a go-live runs the
    # command many times); `manage.py check` and the tests run them.
    requires_system_checks = ()
    help = "Import go-live records from a CSV file: " + ", ".join(KINDS) + " (docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="one of: " + ", ".join(KINDS))
        parser.add_argument("file", type=Path, help="a UTF-8 CSV file with a header row")
        parser.add_argument("--actor", required=True, help="the clerk or code official importing")
        parser.add_argument("--jurisdiction", default="", help="the rows' jurisdiction (slug)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = KINDS.get(options["kind"])
        if kind is None:
            raise CommandError(f"kind '{options['kind']}' is not one of: {', '.join(KINDS)}")
        run_file(self, kind, options, timezone.now())


def run_file(command: BaseCommand, kind: Kind, options: dict[str, Any], now: dt.datetime) -> Report:
    """The import of `options`' file as `kind`, its report printed (also import_sales's): a
    refusal to start, or any problem, is a CommandError."""
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"file '{path}' is not a readable file")
    try:
        report = run(
            kind,
            path,
            actor_username=options["actor"],
            now=now,
            jurisdiction=options["jurisdiction"],
            dry_run=options["dry_run"],
            progress=progress_bar,
        )
    except (ImportRefused, UnknownName) as refused:
        raise CommandError(str(refused)) from None
    for line in report.lines():
        command.stdout.write(line)
    if report.problems:
        raise CommandError(f"{len(report.problems)} problems: nothing written")
    return report
