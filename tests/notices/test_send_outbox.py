"""The worker against a real SMTP server on localhost (aiosmtpd): what arrives, the server
down and back, retries with back-off, giving up, requeueing, and a crash after sending."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.audit.services import queue
from permitdesk.cases.services import permits
from permitdesk.notices.claims import claim
from permitdesk.notices.outbox import deliver_due, message_id, send
from tests import factories
from tests.documents.pdf import text
from tests.factories import paperwork
from tests.factories.paperwork import AGENT_EMAIL
from tests.moments import central
from tests.notices.conftest import Inbox, Server
from tests.notices.mail import attachments, html_part, text_part
from tests.notices.policy import POLICY, T0

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status


def at(moment: dt.datetime) -> dict[str, object]:
    """The worker's arguments for a pass at `moment`."""
    return {"clock": lambda: moment, "policy": POLICY}


def unfolded(header: str) -> str:
    """A header as written: long ones are folded on the wire (RFC 5322 §2.2.3)."""
    return re.sub(r"\r?\n(?=[ \t])", "", header)


def queued(key: str, to: str = "someone@example.test") -> OutboxMessage:
    with transaction.atomic():
        message = queue(key=key, to=to, subject=f"Subject {key}", body=f"Body {key}", at=T0)
    assert message is not None
    return message


def test_a_pass_sends_over_one_connection_and_opens_another_after_a_refusal(
    smtp: Inbox,
) -> None:
    for n in range(3):
        queued(f"first-{n}")
    queued("refused", to="nobody@refused.test")
    for n in range(3):
        queued(f"then-{n}")
    done = deliver_due(**at(T0))
    assert done.sent == [f"first-{n}" for n in range(3)] + [f"then-{n}" for n in range(3)]
    assert done.retrying == ["refused"]
    assert "(550, b'no such mailbox here')" in OutboxMessage.objects.get(key="refused").last_error
    # X-Peer: the client's (host, port), one port per connection.
    peers = [message["X-Peer"] for message in smtp.messages]
    assert len(peers) == 6
    assert len(set(peers[:3])) == 1
    assert len(set(peers[3:])) == 1
    assert peers[0] != peers[3]


def test_a_permit_arrives_with_its_recipient_subject_text_html_and_pdf(smtp: Inbox) -> None:
    who = factories.people()
    case = factories.approved(who)
    paperwork.with_managing_agent(case)
    permit = permits.issue_permit(
        actor=who.clerk, application=case, now=central("2026-11-18 11:00")
    )
    key = f"permit-issued-{permit.number}"

    done = deliver_due(**at(T0))

    # The case's earlier mail goes too: the application's, the receipt's, the inspection's
    # steps (requested, inspector assigned, passed), then the permit's.
    assert done.sent[0] == f"application-received-{case.pk}"
    assert done.sent[1].startswith("receipt-")
    assert [OutboxMessage.objects.get(key=k).kind for k in done.sent[2:5]] == [
        "inspection-requested",
        "inspector-assigned",
        "inspection-passed",
    ]
    assert done.sent[5:] == [key]
    assert done.retrying == done.failed == []
    (mail,) = [m for m in smtp.messages if m["Message-ID"] == f"<{key}@permitdesk.test>"]
    assert mail["X-RcptTo"] == AGENT_EMAIL
    assert mail["To"] == AGENT_EMAIL
    assert mail["From"] == "permits@permitdesk.test"
    assert unfolded(mail["Subject"]) == (
        f"City of Clayton, Missouri: occupancy permit {permit.number} issued for "
        "10 N Central Ave, Clayton"
    )
    assert f"Occupancy permit {permit.number} is issued" in text_part(mail)
    assert f"/verify/{permit.verification_token}/" in html_part(mail)
    (content_type, pdf) = attachments(mail)[f"permit-{permit.number}.pdf"]
    assert content_type == "application/pdf"
    assert permit.number in text(pdf)
    stored = OutboxMessage.objects.get(key=key)
    assert (stored.status, stored.attempts, stored.sent_at) == (Status.SENT, 1, T0)
    assert stored.lease_expires_at is None


def test_a_violation_notice_arrives_with_its_notice_pdf(smtp: Inbox) -> None:
    who = factories.people()
    inspection = paperwork.clayton_failed(who)
    key = f"violation-notice-{inspection.pk}"
    deliver_due(**at(T0))
    (mail,) = [m for m in smtp.messages if m["Message-ID"] == f"<{key}@permitdesk.test>"]
    assert mail["X-RcptTo"] == "owner@example.test"
    assert "IPMC 704.2" in text_part(mail)
    (name,) = [n for n in attachments(mail) if n.endswith(".pdf")]
    assert "IPMC 704.2" in text(attachments(mail)[name][1])


def test_while_the_server_is_down_attempts_back_off_and_nothing_is_lost(
    smtp_server: Server,
) -> None:
    who = factories.people()
    case = factories.submitted(who)
    payment = paperwork.pay(who, case, Decimal("80.00"))
    keys = {f"application-received-{case.pk}", f"receipt-{payment.receipt_number}"}

    first = deliver_due(**at(T0))  # nothing listens on the port
    assert set(first.retrying) == keys
    for message in OutboxMessage.objects.filter(key__in=keys):
        assert message.status == Status.QUEUED
        assert message.attempts == 1
        assert message.next_attempt_at == T0 + dt.timedelta(seconds=60)
        assert "ConnectionRefusedError" in message.last_error

    assert deliver_due(**at(T0 + dt.timedelta(seconds=59))).retrying == []  # not due yet
    second = deliver_due(**at(T0 + dt.timedelta(seconds=60)))
    assert set(second.retrying) == keys
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {2}
    # 60 s after the first failure, 120 s after the second: the wait doubles.
    again = T0 + dt.timedelta(seconds=60 + 120)
    assert set(OutboxMessage.objects.values_list("next_attempt_at", flat=True)) == {again}

    smtp_server.start()  # the server comes back on the same address
    assert deliver_due(**at(again - dt.timedelta(seconds=1))).sent == []
    back = deliver_due(**at(again))
    assert set(back.sent) == keys
    assert sorted(m["Message-ID"] for m in smtp_server.inbox.messages) == sorted(
        f"<{key}@permitdesk.test>" for key in keys
    )
    assert deliver_due(**at(again + dt.timedelta(hours=1))).sent == []
    assert len(smtp_server.inbox.messages) == 2  # delivered once each
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 3)}


def test_a_message_that_keeps_failing_is_marked_failed_then_requeued(
    smtp_server: Server,
) -> None:
    message = queued("notice-1")
    moment = T0
    for attempt in range(1, POLICY.max_attempts + 1):
        outcome = deliver_due(**at(moment))
        assert (outcome.retrying, outcome.failed) == (
            (["notice-1"], []) if attempt < POLICY.max_attempts else ([], ["notice-1"])
        )
        moment += dt.timedelta(hours=1)
    message.refresh_from_db()
    assert message.status == Status.FAILED  # still in the outbox, with why
    assert message.attempts == POLICY.max_attempts
    assert f"attempt {POLICY.max_attempts} at" in message.last_error
    assert deliver_due(**at(moment + dt.timedelta(days=1))).failed == []  # left alone

    smtp_server.start()
    call_command("requeue_outbox", "notice-1")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.QUEUED, 0)
    assert AuditEvent.objects.filter(action="requeue-message", object_id=str(message.pk)).exists()
    assert deliver_due(**at(message.next_attempt_at)).sent == ["notice-1"]
    assert len(smtp_server.inbox.messages) == 1


def test_requeue_refuses_unknown_and_unfailed_messages() -> None:
    queued("waiting")
    with pytest.raises(CommandError, match="no outbox message with key: nothing"):
        call_command("requeue_outbox", "nothing")
    with pytest.raises(CommandError, match="not failed, so not requeued: waiting"):
        call_command("requeue_outbox", "waiting")
    with pytest.raises(CommandError, match="give message keys, or --failed"):
        call_command("requeue_outbox")
    assert OutboxMessage.objects.get(key="waiting").status == Status.QUEUED


def test_a_worker_that_died_after_sending_resends_the_same_message_id(smtp: Inbox) -> None:
    queued("permit-issued-X1")
    claimed = claim(now=T0, policy=POLICY)
    assert claimed is not None
    send(claimed)  # the server said 250 OK, then the worker died before recording it
    assert OutboxMessage.objects.get(key="permit-issued-X1").status == Status.SENDING

    assert deliver_due(**at(T0 + dt.timedelta(minutes=4))).sent == []  # the lease holds
    redo = deliver_due(**at(T0 + dt.timedelta(minutes=5)))
    assert redo.sent == ["permit-issued-X1"]
    ids = [m["Message-ID"] for m in smtp.messages]
    assert ids == ["<permit-issued-X1@permitdesk.test>"] * 2  # recognisably the same message
    stored = OutboxMessage.objects.get(key="permit-issued-X1")
    assert (stored.status, stored.attempts) == (Status.SENT, 2)


def test_an_attachment_that_cannot_be_rendered_is_an_attempt_to_retry(smtp: Inbox) -> None:
    with transaction.atomic():
        queue(
            key="permit-issued-gone",
            to="a@example.test",
            subject="s",
            body="b",
            attachment={"document": "permit", "id": 987654},
            at=T0,
        )
    assert deliver_due(**at(T0)).retrying == ["permit-issued-gone"]
    assert smtp.messages == []
    assert "987654" in OutboxMessage.objects.get(key="permit-issued-gone").last_error


def test_the_command_sends_what_is_due_and_reports_it(
    smtp: Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    queued("due-now")  # queued at T0, in the past of the real clock
    call_command("send_outbox")
    assert "sent 1, to retry 0, failed 0" in capsys.readouterr().out
    assert [m["Subject"] for m in smtp.messages] == ["Subject due-now"]
    with pytest.raises(CommandError, match="--interval must be more than 0 seconds"):
        call_command("send_outbox", "--loop", "--interval", "0")


def test_the_wait_doubles_up_to_its_cap() -> None:
    waits = [POLICY.backoff(n).total_seconds() for n in range(1, 7)]
    assert waits == [60, 120, 240, 480, 600, 600]


def test_the_message_id_comes_from_the_key_or_its_row(settings: Settings) -> None:
    settings.OUTBOX_MESSAGE_ID_DOMAIN = ""
    settings.PUBLIC_URL = "https://permits.example.gov"
    assert message_id(queued("receipt-CM-2026-1")) == "<receipt-CM-2026-1@permits.example.gov>"
    odd = queued("a key <with> spaces")
    assert message_id(odd) == f"<k{odd.pk}@permits.example.gov>"


def test_the_claim_skips_locked_rows_on_postgresql_and_is_plain_on_sqlite() -> None:
    queued("one")
    with CaptureQueriesContext(connection) as seen:
        assert claim(now=T0, policy=POLICY) is not None
    selects = [q["sql"] for q in seen.captured_queries if "FOR UPDATE" in q["sql"]]
    if connection.vendor == "postgresql":
        assert len(selects) == 1
        assert "FOR UPDATE SKIP LOCKED" in selects[0]
    else:
        assert selects == []  # SQLite has no row locks: the compare-and-set UPDATE decides
