"""Finishing a sign-up as its person would: the verification link from the outbox, followed."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from permitdesk.audit.models import OutboxMessage

LINK = re.compile(r"https?://[^/\s]+(/accounts/verify/[^/\s]+/)")


def verification_path(address: str) -> str:
    message = OutboxMessage.objects.filter(kind="verify-email", to=address).latest("id")
    found = LINK.search(message.body)
    assert found is not None, message.body
    return found.group(1)


def verify(client: Client, address: str) -> Any:
    """Open the address's latest verification link and confirm it; the page it ends on."""
    path = verification_path(address)
    assert client.get(path).status_code == 200
    return client.post(path, follow=True)
