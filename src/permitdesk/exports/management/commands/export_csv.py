"""manage.py export_csv: the CSV exports of /exports/<kind>.csv, from a shell.

    manage.py export_csv payments --from 2026-11-01 --to 2026-11-30 --jurisdiction clayton-mo
    manage.py export_csv cases --from 2026-01-01 --to 2026-12-31 --jurisdiction st-clair-county-il \
        -o cases.csv

Whoever runs manage.py holds the database's credentials, so no role is asked for.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from permitdesk.exports.date_range import BadParameter, date_range
from permitdesk.exports.tables import KINDS, csv_lines
from permitdesk.records.models import Jurisdiction


class Command(BaseCommand):
    help = "Cases, inspections, payments or permits of a jurisdiction for a date range, as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--from", dest="first", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="last", required=True, help="last day (included)")
        parser.add_argument("--jurisdiction", required=True, help="a slug, e.g. clayton-mo")
        parser.add_argument("-o", "--output", help="a file to write; standard output if absent")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            dates = date_range(options["first"], options["last"])
        except BadParameter as bad:
            raise CommandError(str(bad)) from None
        slug = options["jurisdiction"]
        jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
        if jurisdiction is None:
            known = ", ".join(Jurisdiction.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"jurisdiction '{slug}' is not one of: {known or '(none loaded)'}")
        lines = csv_lines(options["kind"], jurisdiction, dates)
        if not options["output"]:
            for chunk in lines:
                self.stdout.write(chunk, ending="")
            return
        try:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                for chunk in lines:
                    out.write(chunk)
        except OSError as failed:
            raise CommandError(f"output {options['output']}: {failed.strerror}") from None
