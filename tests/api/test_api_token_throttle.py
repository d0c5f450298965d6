"""Issue 17, point 2: bad API tokens are throttled per client (50 in a row were never slowed):
past THROTTLE_API_TOKEN (10 in 15 minutes) the client gets 429 with Retry-After, whatever
token it sends, and the audit trail records it once."""

from __future__ import annotations

import pytest
from django.test import Client

from permitdesk.audit.models import AuditEvent
from tests import factories
from tests.api.client import token_for

pytestmark = pytest.mark.django_db


def _get(token: str, path: str = "/api/applications", **extra: str) -> tuple[int, object, str]:
    response = Client().get(path, headers={"Authorization": f"Bearer {token}"}, **extra)
    return response.status_code, response.json(), response.get("Retry-After", "")


def test_fifty_bad_tokens_are_slowed_after_ten() -> None:
    good = token_for(factories.user("owner"))
    answers = [_get(f"bad-{n}")[0] for n in range(50)]
    assert answers[:10] == [401] * 10
    assert answers[10:] == [429] * 40
    status, body, retry_after = _get(good)  # the client waits, whatever it sends now
    assert status == 429
    assert "Too many attempts" in body["detail"]  # type: ignore[index]
    assert int(retry_after) == 900
    (event,) = AuditEvent.objects.filter(action="throttled")
    assert (event.object_type, event.object_id) == ("Client", "127.0.0.1")
    assert event.after == {"scope": "api-token", "limit": "10/900s"}


def test_another_client_and_good_tokens_are_not_slowed() -> None:
    good = token_for(factories.user("owner"))
    assert [_get(good)[0] for _ in range(30)] == [200] * 30
    for n in range(12):
        _get(f"bad-{n}", REMOTE_ADDR="10.0.0.9")
    assert _get(good)[0] == 200  # 127.0.0.1 sent no bad token
    assert _get(good, REMOTE_ADDR="10.0.0.9")[0] == 429


def test_the_busiest_reads_count_a_bad_token_too() -> None:
    """A case's detail checks its token inside its own read (AUTH_DEFERRED)."""
    for n in range(10):
        assert _get(f"bad-{n}", "/api/applications/1")[0] == 401
    assert _get("bad-11", "/api/applications/1")[0] == 429
