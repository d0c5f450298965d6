"""manage.py requeue_outbox KEY … | --failed: send failed messages again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from permitdesk.audit.models import OutboxMessage
from permitdesk.notices.outbox import requeue
from permitdesk.rules.lifecycle import Refused


class Command(BaseCommand):
    help = "Queue failed outbox messages again (by key, or --failed for all), due now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("keys", nargs="*", help="message keys (see the admin's outbox)")
        parser.add_argument("--failed", action="store_true", help="every failed message")

    def handle(self, *args: Any, **options: Any) -> None:
        keys: list[str] = options["keys"]
        if bool(keys) == bool(options["failed"]):
            raise CommandError("give message keys, or --failed, but not both")
        if options["failed"]:
            messages = list(OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED))
        else:
            found = {m.key: m for m in OutboxMessage.objects.filter(key__in=keys)}
            missing = [key for key in keys if key not in found]
            if missing:
                raise CommandError(f"no outbox message with key: {', '.join(missing)}")
            messages = [found[key] for key in keys]
            waiting = [m.key for m in messages if m.status != OutboxMessage.Status.FAILED]
            if waiting:
                raise CommandError(f"not failed, so not requeued: {', '.join(waiting)}")
        for message in messages:
            try:
                requeue(message=message, actor=None, now=timezone.now())
            except Refused as exc:  # sent meanwhile by another hand
                raise CommandError(str(exc)) from None
            self.stdout.write(f"requeued {message.key} to {message.to}")
        self.stdout.write(f"{len(messages)} message(s) requeued")
