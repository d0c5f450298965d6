"""Every page the primary navigation names exists: a missing URL name would silently drop its
link (nav.py skips what does not resolve), so this test is what notices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from permitdesk.web import nav

NAMES = sorted(
    {name for _, name in nav.PUBLIC}
    | {name for _, name in nav.APPLICANT}
    | {name for entries in nav.BY_ROLE.values() for _, name in entries}
)


@pytest.mark.parametrize("name", NAMES)
def test_every_navigation_name_resolves(name: str) -> None:
    assert reverse(name).startswith("/")
