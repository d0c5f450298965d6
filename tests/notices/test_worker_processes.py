"""`send_outbox --workers N`: worker processes at once, each with its own database and SMTP
connections, on a real PostgreSQL server and a real SMTP server on localhost; every message
is delivered exactly once. SQLite refuses a second worker."""

from __future__ import annotations

import asyncio

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from pytest_django.fixtures import Settings

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue
from permitdesk.notices.workers import shares
from tests.notices.conftest import Inbox
from tests.notices.policy import T0

MESSAGES = 120


def test_a_limit_is_shared_out_and_no_worker_gets_an_empty_share() -> None:
    assert shares(10, 3) == [4, 3, 3]
    assert shares(2, 4) == [1, 1]
    assert shares(None, 2) == [None, None]


@pytest.mark.django_db(transaction=True)  # the workers are other processes: data committed
def test_two_worker_processes_send_each_message_exactly_once(
    smtp: Inbox, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.OUTBOX_BATCH_SIZE = 5  # many batches for the two to share
    for n in range(MESSAGES):
        with transaction.atomic():
            queue(key=f"m-{n}", to=f"r{n}@example.test", subject=f"S{n}", body="b", at=T0)
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="--workers 2 needs PostgreSQL"):
            call_command("send_outbox", "--workers", "2")
        assert smtp.messages == []
        return

    call_command("send_outbox", "--workers", "2", "-v", "2")

    out = capsys.readouterr().out
    assert f"sent {MESSAGES}, to retry 0, failed 0 by 2 workers" in out
    assert out.count("worker ") == 2  # each worker's own line
    ids = sorted(m["Message-ID"] for m in smtp.messages)
    assert ids == sorted(f"<m-{n}@permitdesk.test>" for n in range(MESSAGES))  # none twice
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {
        (OutboxMessage.Status.SENT, 1)
    }


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_command_cannot_see_never_reaches_the_workers(
    smtp: Inbox, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after the browser tests in the same process: Playwright's sync API marks an event
    loop running in the thread, so Django's connections are then per asyncio context, and the
    command closes only its context's before forking. The thread's own connection, open from
    before, is still there for the workers (they see no loop): they must not both use it."""
    settings.OUTBOX_BATCH_SIZE = 5
    for n in range(MESSAGES):
        with transaction.atomic():
            queue(key=f"m-{n}", to=f"r{n}@example.test", subject=f"S{n}", body="b", at=T0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as tests/web/conftest.py does
    # Where the browser tests ran first in this process, Playwright's loop is running here
    # already: the test sets its own states of the thread and puts Playwright's back after.
    playwright_loop = asyncio.events._get_running_loop()
    loop = asyncio.new_event_loop()
    try:
        asyncio.events._set_running_loop(None)  # a plain thread: its own connection, open
        connection.ensure_connection()
        hidden = connection.connection
        asyncio.events._set_running_loop(loop)  # what Playwright's sync API leaves set
        if connection.vendor == "sqlite":
            with pytest.raises(CommandError, match="--workers 2 needs PostgreSQL"):
                call_command("send_outbox", "--workers", "2")
            assert smtp.messages == []
            return
        call_command("send_outbox", "--workers", "2")

        asyncio.events._set_running_loop(None)  # the thread's own connection again
        ids = sorted(m["Message-ID"] for m in smtp.messages)
        assert ids == sorted(f"<m-{n}@permitdesk.test>" for n in range(MESSAGES))  # none twice
        assert connection.connection is hidden  # set aside by the workers, not used,
        assert connection.is_usable()  # and its session lives on
        assert set(OutboxMessage.objects.values_list("status", "attempts")) == {
            (OutboxMessage.Status.SENT, 1)
        }
    finally:
        asyncio.events._set_running_loop(playwright_loop)
        loop.close()


@pytest.mark.django_db
def test_workers_must_be_at_least_one() -> None:
    with pytest.raises(CommandError, match="--workers must be at least 1, not 0"):
        call_command("send_outbox", "--workers", "0")
