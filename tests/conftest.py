"""Shared fixtures: the shipped packs, and an empty cache for each test."""

from __future__ import annotations

import pytest

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
def _empty_cache() -> None:
    """The rate limits count in the cache (permitdesk.api.rate_limit): each test starts at 0,
    or the suite's many verifications from 127.0.0.1 would run into the limit."""
    from django.core.cache import cache

    cache.clear()
