"""manage.py reconcile_payments --jurisdiction clayton-mo --day 2026-12-06: the day's online
payments and refunds as CSV, matched to the provider's payouts (docs/payments.md)."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from permitdesk.payments.providers.base import ProviderError
from permitdesk.payments.reconciliation import COLUMNS, reconcile


class Command(BaseCommand):
    help = "A day's online payments and refunds, matched to the provider's payouts, as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jurisdiction", required=True, help="its slug, e.g. clayton-mo")
        parser.add_argument("--day", required=True, help="YYYY-MM-DD, the jurisdiction's day")
        parser.add_argument(
            "--payout-days",
            type=int,
            default=7,
            help="how many days after --day a payout may arrive (default 7)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["day"])
        except ValueError:
            raise CommandError(f"--day {options['day']!r} is not a date: YYYY-MM-DD") from None
        if not 0 <= options["payout_days"] <= 60:
            raise CommandError("--payout-days must be from 0 to 60")
        try:
            rows = reconcile(options["jurisdiction"], day, options["payout_days"])
        except ProviderError as error:
            raise CommandError(str(error)) from error
        out = csv.writer(self.stdout)
        out.writerow(COLUMNS)
        for row in rows:
            out.writerow(row.values())
