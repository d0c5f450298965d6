"""manage.py send_outbox: send the e-mail that is due, once or (--loop) until stopped.

Production runs it under systemd with --loop (docs/email.md); cron can run a single pass
every minute instead. --workers N sends with N processes at once on PostgreSQL (about two per
core: docs/benchmarks.md, "Outbox"); several commands may run at once too: each message is
claimed by one worker.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from permitdesk.notices.outbox import Pass
from permitdesk.notices.workers import NotParallel, check_parallel, run_workers


class Command(BaseCommand):
    help = "Send the outbox's due e-mail: one pass, or --loop polling every --interval seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep polling until stopped")
        parser.add_argument(
            "--interval", type=float, default=10.0, help="seconds between passes (default 10)"
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="at most this many messages per pass"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="worker processes sending at once (PostgreSQL only above 1; default 1)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval, limit = options["interval"], options["limit"]
        self.chatty = options["verbosity"] > 1
        if interval <= 0:
            raise CommandError(f"--interval must be more than 0 seconds, not {interval}")
        if limit is not None and limit < 1:
            raise CommandError(f"--limit must be at least 1, not {limit}")
        self.workers = options["workers"]
        try:
            check_parallel(self.workers)
        except NotParallel as refused:
            raise CommandError(str(refused)) from None
        if not options["loop"]:
            self._pass(limit)
            return
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping  # finish the message in hand, then leave
            stopping = True

        before = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not stopping:
                close_old_connections()  # a database restart between passes is survived
                self._pass(limit, keep_going=lambda: not stopping)
                waited = 0.0
                while waited < interval and not stopping:
                    time.sleep(min(0.5, interval - waited))
                    waited += 0.5
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)
        self.stdout.write("stopped")

    def _pass(self, limit: int | None, keep_going: Callable[[], bool] | None = None) -> None:
        done = Pass()
        for n, worker in enumerate(run_workers(self.workers, limit=limit, keep_going=keep_going)):
            done.add(worker)
            if self.chatty and self.workers > 1:
                self.stdout.write(f"worker {n + 1}: {worker}, {worker.rendered} document(s)")
        if done or self.chatty:
            workers = f" by {self.workers} workers" if self.workers > 1 else ""
            self.stdout.write(f"{done}{workers}")
        for key in done.failed:
            self.stderr.write(f"failed for good (requeue_outbox {key} to try again): {key}")
