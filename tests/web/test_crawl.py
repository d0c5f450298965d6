"""Every page a user can reach by following links, for every kind of user, over the demo
data: no server error, no stack trace, every page in the site's layout, and a bounded number
of queries per page. Catches the page nobody wrote a test for."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# Who walks the site: the public, an applicant, and each staff role (demo user names).
WALKERS = [None, "owner", "clayton-clerk", "clayton-inspector", "village-code-official"]
MAX_PAGES = 120  # per walker: enough to reach every kind of page over the demo data
MAX_QUERIES = 40  # per page: far above any page's need, far below a per-row query
SKIP = re.compile(r"^/(admin|api|static|media)/|/sign-out/|\.(pdf|ics|csv)$")
# The public walker covers the estimator's hundred item pages; the others skip them to spend
# their pages on their own.
PUBLIC_ONLY = re.compile(r"^/estimate/.+/.+/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not SKIP.search(parts.path):
            found.append(path)
    return found


@pytest.fixture
def demo(settings: object) -> None:
    call_command("load_jurisdictions", verbosity=0)
    call_command("demo_data", force=True, verbosity=0)  # a test database, not a real one


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("walker", WALKERS, ids=lambda w: w or "public")
def test_every_reachable_page_renders_without_error(walker: str | None) -> None:
    client = Client()
    if walker is not None:
        client.force_login(_user(walker))
    seen: set[str] = set()
    todo = deque(["/"])
    failures: list[str] = []
    while todo and len(seen) < MAX_PAGES:
        path = todo.popleft()
        if path in seen:
            continue
        seen.add(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code >= 500 or response.status_code in (400, 403, 404):
            failures.append(f"{path}: {response.status_code}")
            continue
        if response.status_code in (301, 302):
            todo.append(urlsplit(response["Location"]).path)
            continue
        html = response.content.decode()
        if "Traceback" in html or 'id="main-content"' not in html:
            failures.append(f"{path}: not a page of the site")
        if len(queries) > MAX_QUERIES:
            failures.append(f"{path}: {len(queries)} queries")
        todo.extend(
            link
            for link in _links(path, html)
            if link not in seen and (walker is None or not PUBLIC_ONLY.search(link))
        )
    assert failures == []
    assert len(seen) > 8  # the walk did reach pages


def _user(name: str) -> object:
    from django.contrib.auth.models import User

    return User.objects.get(username=name)
