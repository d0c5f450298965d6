"""The notices tests' real SMTP server (aiosmtpd), for the account mail the outbox sends."""

from tests.notices.conftest import smtp_server

__all__ = ["smtp_server"]
