"""queue() is only ever part of a change: outside a transaction it refuses."""

from __future__ import annotations

import pytest

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue
from tests.moments import central


@pytest.mark.django_db(transaction=True)
def test_queueing_outside_the_changes_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match="inside the change's transaction"):
        queue(key="k", to="a@example.test", subject="s", body="b", at=central("2026-11-18 09:00"))
    assert not OutboxMessage.objects.exists()
