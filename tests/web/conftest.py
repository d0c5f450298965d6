"""Fixtures of the portal tests: Debian's Chromium driven by Playwright, a page that fails the
test on any 4xx/5xx or off-site request or anything the Content Security Policy refuses,
axe-core, and screenshots under var/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; without this, ORM calls in
# live_server tests raise SynchronousOnlyOperation (STACK-NOTES §4).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded one (`playwright install` cannot run here)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM}: sudo apt-get install chromium "
            "fonts-liberation (or set PLAYWRIGHT_CHROMIUM_EXECUTABLE)",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture
def site(page: Any, live_server: Any) -> Iterator[Any]:
    """The browser page, kept on the live server: any other host is refused, and any response
    of 400 or more (a missing stylesheet, a 500) fails the test. A test that expects an error
    status (a 404 page) lists it in ``page.expected_errors``."""
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    errors: list[tuple[int, str]] = []
    page.on(
        "response",
        lambda response: (
            errors.append((response.status, response.url)) if response.status >= 400 else None
        ),
    )
    # The Content Security Policy refuses inline scripts and styles: the browser says so on
    # its console, and a refused one fails the test.
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{message.text} at {message.location}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.expected_errors = []
    page.base = live_server.url
    yield page
    unexpected = [e for e in errors if e[0] not in page.expected_errors]
    assert unexpected == []
    assert refused == []


def check_page(page: Any, name: str) -> None:
    """Save a full-page screenshot as var/screenshots/<name>.png and run axe-core on the page:
    no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"), full_page=True
    )
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert bad == [], results.generate_report()


def sign_in(page: Any, email: str, password: str) -> None:
    """Sign in through the sign-in page, as a person would."""
    page.goto(f"{page.base}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
