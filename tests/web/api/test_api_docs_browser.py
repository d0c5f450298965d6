"""/api/docs in a real browser with every other host refused (no internet): Swagger UI comes
from the project's static files, renders the operations, and the CSP refuses nothing."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_render_offline(site: Any) -> None:
    requested: list[str] = []
    site.on("request", lambda request: requested.append(request.url))
    site.goto(f"{site.base}/api/docs")
    expect(site.get_by_role("heading", name="PermitDesk API")).to_be_visible()
    verify = site.locator(".opblock-summary-path", has_text="/api/verify/{number_or_token}")
    expect(verify.first).to_be_visible()
    assert site.locator(".opblock").count() > 20  # every router's operations, not an empty page
    off_site = [url for url in requested if not url.startswith(site.base)]
    assert off_site == []  # nothing from a CDN (the fixture refuses it anyway)
    assert any("/static/ninja/swagger-ui-bundle" in url for url in requested)
    check_page(site, "api-docs")
