"""Shared fixtures: the shipped packs; a fresh cache (the throttles' counts) for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack


@pytest.fixture
def clayton() -> Pack:
    return get_pack("clayton-mo")


@pytest.fixture
def st_clair() -> Pack:
    return get_pack("st-clair-county-il")


@pytest.fixture
def st_louis() -> Pack:
    return get_pack("st-louis-county-mo")


@pytest.fixture
def village() -> Pack:
    return get_pack("village-ord-08-457")


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """The throttles count in the cache, which outlives a test: each test starts at zero."""
    cache.clear()
    yield
    cache.clear()
