"""The worker's batches against a real SMTP server: one claim and one record of SENT per
batch, each attached document rendered once in a pass, and a batch that runs long handing its
untried messages back instead of sending past its lease."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue
from permitdesk.documents import permit as permit_document
from permitdesk.notices.claims import claim_batch
from permitdesk.notices.outbox import Sender, deliver_batch, deliver_due
from tests import factories
from tests.documents.pdf import text
from tests.factories import paperwork
from tests.notices import policy
from tests.notices.conftest import Inbox
from tests.notices.mail import attachments
from tests.notices.policy import T0

pytestmark = pytest.mark.django_db

POLICY = dataclasses.replace(policy.POLICY, lease=dt.timedelta(minutes=2), batch=5)
Status = OutboxMessage.Status


def queued(key: str, attachment: dict[str, object] | None = None) -> None:
    with transaction.atomic():
        queue(
            key=key,
            to=f"{key}@example.test",
            subject=key,
            body="b",
            attachment=attachment,
            at=T0,
        )


def test_a_batch_costs_one_claim_and_one_record_of_sent(smtp: Inbox) -> None:
    for n in range(10):
        queued(f"m-{n}")
    with CaptureQueriesContext(connection) as seen:
        done = deliver_due(clock=lambda: T0, policy=POLICY)
    assert sorted(done.sent) == sorted(f"m-{n}" for n in range(10))
    updates = [q["sql"] for q in seen.captured_queries if q["sql"].startswith("UPDATE")]
    # The pass's reclaim of abandoned leases, then per batch of five: SENDING, then SENT.
    assert len(updates) == 1 + 2 * 2
    assert len(smtp.messages) == 10
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_ten_messages_of_one_permit_render_its_pdf_once(
    smtp: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    permit = paperwork.clayton_permit(factories.people())
    OutboxMessage.objects.update(status=Status.SENT)  # the case's own mail is not this test's
    renders: list[int] = []
    render = permit_document.render_permit

    def counted(permit_id: int) -> tuple[str, bytes]:
        renders.append(permit_id)
        return render(permit_id)

    monkeypatch.setattr(permit_document, "render_permit", counted)
    for n in range(10):
        queued(f"copy-{n}", {"document": "permit", "id": permit.pk})

    done = deliver_due(clock=lambda: T0, policy=POLICY)  # two batches of five

    assert len(done.sent) == 10
    assert renders == [permit.pk]
    assert done.rendered == 1
    pdfs = {attachments(m)[f"permit-{permit.number}.pdf"][1] for m in smtp.messages}
    assert len(smtp.messages) == 10
    assert len(pdfs) == 1  # the same bytes in every message
    assert permit.number in text(pdfs.pop())


def test_a_document_that_fails_to_render_is_not_kept_but_tried_for_each_message(
    smtp: Inbox,
) -> None:
    for n in range(3):
        queued(f"gone-{n}", {"document": "permit", "id": 987654})
    done = deliver_due(clock=lambda: T0, policy=POLICY)
    assert done.retrying == [f"gone-{n}" for n in range(3)]
    assert done.rendered == 0
    assert smtp.messages == []


def test_a_batch_past_half_its_lease_hands_back_what_it_has_not_tried(smtp: Inbox) -> None:
    for n in range(5):
        queued(f"slow-{n}")
    batch = claim_batch(now=T0, policy=POLICY, size=5)
    ticks = (T0 + dt.timedelta(seconds=20 * n) for n in itertools.count(1))
    # The batch starts at 20 s (it may send until 80 s, half the lease on), checks before
    # each message at 40 and 60 s and sends, and at 80 s stops.
    sender = Sender()
    done = deliver_batch(batch, clock=lambda: next(ticks), policy=POLICY, sender=sender)
    sender.close()
    assert done.sent == ["slow-0", "slow-1"]
    assert [m["Subject"] for m in smtp.messages] == ["slow-0", "slow-1"]
    rest = OutboxMessage.objects.filter(key__in=["slow-2", "slow-3", "slow-4"])
    assert set(rest.values_list("status", "attempts", "claimed_by", "next_attempt_at")) == {
        (Status.QUEUED, 0, "", T0)  # due as before, the claim's attempt given back
    }
    later = deliver_due(clock=lambda: T0 + dt.timedelta(minutes=1), policy=POLICY)
    assert later.sent == ["slow-2", "slow-3", "slow-4"]
