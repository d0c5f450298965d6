"""Shared fixtures: the shipped packs."""

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
