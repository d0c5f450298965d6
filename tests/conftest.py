"""Shared fixtures: a fast password hasher for the whole suite; the shipped packs; a fresh cache
(the throttles' counts) for each test. And the xdist groups `make test` runs with (--dist
loadgroup keeps a group on one worker)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from tests.factories.migrations import Migrator


@pytest.fixture(autouse=True, scope="session")
def _fast_passwords() -> Iterator[None]:
    """The factories give every user a password; hashing it as production does (PBKDF2) takes
    a third of a second, which the suite would pay thousands of times (most of its time). Set
    once for the session; override_settings sends setting_changed, which resets Django's
    cached hashers. A password still checks as it would: only the hash's cost differs."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run on one xdist worker, so one Chromium serves them all (each is
    hundreds of MB); the concurrency tests run on one worker, so their threads race each
    other and not a second worker's tests for the machine's two cores. Everything else
    spreads over the workers, each with its own test database (pytest-django)."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "live_server" in fixtures or "page" in fixtures:
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif "concurrency" in item.path.parts:
            item.add_marker(pytest.mark.xdist_group("concurrency"))


@pytest.fixture
def migrator(transactional_db: None) -> Iterator[Migrator]:
    """Moves the test database between migrations (a data migration's test); back to the
    latest ones afterwards, so the tests after it find the schema they expect."""
    migrator = Migrator()
    try:
        yield migrator
    finally:
        migrator.to_latest()
