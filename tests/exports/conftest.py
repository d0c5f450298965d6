"""The exports' tests share the API tests' clock and fast password hashing."""

from __future__ import annotations

from tests.api.conftest import clock, fast_passwords

__all__ = ["clock", "fast_passwords"]
