"""manage.py demo_data: demo users, properties and cases in every jurisdiction (idempotent)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from permitdesk.cases.models import Application
from permitdesk.demo.build import DEMO_PASSWORD, Report, build_demo


class Command(BaseCommand):
    help = (
        "Load the demo: an admin, a clerk, an inspector and a code official per jurisdiction, "
        "two applicants, API tokens, properties and cases in every status, all made through "
        "the case services at past dates relative to today, with the inspectors' visits today "
        "and on the next business day. Running it again the same day changes nothing; on a "
        "later day it tops the visits up. Every demo "
        f"account's password is '{DEMO_PASSWORD}': never load this into a real database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even though DEBUG is off and the database is not SQLite "
            "(a demo or staging PostgreSQL database)",
        )
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="load the demo as if today were this day, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite" and not settings.DEBUG and not options["force"]:
            raise CommandError(
                f"this looks like a real database ({connection.vendor}, DEBUG off); the demo "
                f"accounts have a published password. Pass --force if it is a demo database."
            )
        report = build_demo(options["today"])
        self._summary(report)
        self._logins(report)

    def _summary(self, report: Report) -> None:
        made = ", ".join(f"{n} {what}" for what, n in report.made.items() if n) or "nothing"
        kept = ", ".join(f"{n} {what}" for what, n in report.kept.items() if n) or "nothing"
        self.stdout.write(f"Demo data: made {made}; already there: {kept}.")
        if report.restored:
            self.stdout.write(f"Put back the demo password of: {', '.join(report.restored)}.")
        self.stdout.write("")
        self.stdout.write("Cases by status")
        for slug, counts in report.statuses.items():
            shown = [f"{counts[s]} {s}" for s in Application.Status.values if counts[s]]
            self.stdout.write(f"  {slug:<20}  {', '.join(shown) or 'none'}")
        self.stdout.write("")

    def _logins(self, report: Report) -> None:
        header = ("USERNAME", "ROLE", "JURISDICTION", "PASSWORD", "API TOKEN")
        rows = [header] + [
            (x.username, x.role, x.jurisdiction, x.password, x.token) for x in report.logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write(
            "Demo logins (the admin site is at /admin/; the API takes "
            "'Authorization: Bearer <token>')"
        )
        for row in rows:
            cells = (c.ljust(w) for c, w in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None
