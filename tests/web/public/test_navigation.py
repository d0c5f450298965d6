"""Every page the primary navigation names exists: a missing URL name would silently drop its
link (nav.py skips what does not resolve), so this test is what notices."""

from __future__ import annotations

import pytest
from django.test import Client
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


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/api/applications", "/staff/"])
def test_a_host_not_allowed_is_answered_400_not_500(path: str) -> None:
    """Django answers its 400 page before the middleware gives the request a user; the page's
    navigation is then the public one (it once failed there, answering 500)."""
    response = Client(HTTP_HOST="not-ours.example", raise_request_exception=False).get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):  # the API answers in JSON (permitdesk.api.site_errors)
        assert response.json() == {"detail": "the request could not be understood"}
    else:
        assert b"The request could not be understood" in response.content
