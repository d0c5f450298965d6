"""The admin's outbox: a failed message is sent again from the list, and audited."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.audit.services import queue
from tests.moments import central

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status


def message(key: str, status: str) -> OutboxMessage:
    with transaction.atomic():
        queued = queue(
            key=key, to="a@example.test", subject="s", body="b", at=central("2026-11-18 09:00")
        )
    assert queued is not None
    OutboxMessage.objects.filter(pk=queued.pk).update(status=status, attempts=10)
    return queued


def test_the_admin_sends_failed_messages_again_and_leaves_the_others(admin_client: Client) -> None:
    failed = message("failed-one", Status.FAILED)
    sent = message("sent-one", Status.SENT)
    response = admin_client.post(
        reverse("admin:audit_outboxmessage_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 message(s) queued again; 1 not failed, left as they were" in response.content.decode()
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.QUEUED, 0)
    assert (sent.status, sent.attempts) == (Status.SENT, 10)
    event = AuditEvent.objects.get(action="requeue-message")
    assert event.object_id == str(failed.pk)
    assert event.actor is not None
    assert event.actor.username == "admin"
