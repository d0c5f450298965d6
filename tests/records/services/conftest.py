"""Fixtures of the record edits: Clayton's people, and a Clayton unit with two bedrooms."""

from __future__ import annotations

import pytest

from permitdesk.records.models import Unit
from tests import factories


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()


@pytest.fixture
def home(who: factories.People) -> Unit:
    return factories.unit("clayton-mo")
