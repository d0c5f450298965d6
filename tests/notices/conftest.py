"""A real SMTP server on localhost (aiosmtpd) for the worker to deliver to, the port of one
that is down, and the worker's policy with the test's own clock."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email.message import Message as EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from pytest_django.fixtures import Settings


class Inbox(Message):  # type: ignore[misc]
    """What the server received, each message as parsed from the wire."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[EmailMessage] = []

    def handle_message(self, message: EmailMessage) -> None:
        self.messages.append(message)

    async def handle_RCPT(
        self, server: object, session: object, envelope: Any, address: str, options: list[str]
    ) -> str:
        """Addresses at refused.test are refused, as a server refuses a mailbox it lacks."""
        if address.endswith("@refused.test"):
            return "550 no such mailbox here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening on it (bound for a moment, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """The SMTP server at one address, started and stopped by the test."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings: Settings) -> Iterator[Server]:
    """The address Django's SMTP backend sends to, the server not yet started there."""
    server = Server(free_port())
    # pytest-django swaps in the locmem backend; the worker must talk SMTP for real.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "permits@permitdesk.test"
    settings.OUTBOX_MESSAGE_ID_DOMAIN = "permitdesk.test"
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server: Server) -> Inbox:
    """A running SMTP server's inbox."""
    smtp_server.start()
    return smtp_server.inbox
