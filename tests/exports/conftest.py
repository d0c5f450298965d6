"""The exports' tests share the API tests' clock."""

from __future__ import annotations

from tests.api.conftest import clock

__all__ = ["clock"]
