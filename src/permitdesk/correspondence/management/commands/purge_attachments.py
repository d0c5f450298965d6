"""manage.py purge_attachments: remove the files of case documents past retention (audited)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from permitdesk.correspondence.services import purge_attachments


class Command(BaseCommand):
    help = "Remove the files of case documents older than CORRESPONDENCE_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_attachments(now=timezone.now())
        self.stdout.write(f"{count} document{'s' if count != 1 else ''} purged.")
