"""send_outbox --loop, as systemd runs it: it polls until SIGTERM, then stops cleanly."""

from __future__ import annotations

import os
import signal
import threading

import pytest
from django.core.management import call_command
from django.db import transaction

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue
from tests.moments import central
from tests.notices.conftest import Inbox


# The loop closes stale connections between passes, which a test's wrapping transaction
# would not survive: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_loop_sends_until_sigterm_then_stops(
    smtp: Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    with transaction.atomic():
        queue(
            key="looped", to="a@example.test", subject="s", body="b", at=central("2026-11-18 09:00")
        )
    handler = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(1.5, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        call_command("send_outbox", "--loop", "--interval", "0.5")
    finally:
        timer.cancel()
    assert capsys.readouterr().out.splitlines() == ["sent 1, to retry 0, failed 0", "stopped"]
    assert [m["Subject"] for m in smtp.messages] == ["s"]
    assert OutboxMessage.objects.get(key="looped").status == OutboxMessage.Status.SENT
    assert signal.getsignal(signal.SIGTERM) == handler  # the worker's handler is gone
