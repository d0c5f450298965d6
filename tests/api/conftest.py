"""Fixtures of the API tests: the clock, and the WSGI app called in-process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.api.client import Clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def wsgi_no_conn_close() -> Iterator[None]:
    # Calling the WSGI app directly fires request_finished -> close_old_connections(), which
    # closes the PostgreSQL connection inside the test transaction; Django's test Client
    # disconnects these the same way (STACK-NOTES §7).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
