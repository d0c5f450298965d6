"""Fixtures of the records service tests: Clayton's people (its applicant, staff, another applicant)."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()
