"""No slugs or field names on any page: every page a user reaches from their home page over the
demo data, as each kind of user, shows words, not codes ("residential-occupancy", "unit_type
apartment", "visa", "(true for a lease ...)", a midnight "12:00 AM" for a date)."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from permitdesk.cases.models import Application
from permitdesk.law.loader import all_packs
from permitdesk.records.models import Unit
from permitdesk.web.staff.forms import DEFAULT_METHODS
from tests.web.test_crawl import PUBLIC_ONLY, _links

pytestmark = pytest.mark.django_db

WALKERS = [
    None,
    "owner",
    "agent",
    "clayton-clerk",
    "clayton-inspector",
    "st-clair-code-official",
    "village-division-admin",
]
MAX_PAGES = 150  # per walker
# Hyphenated English a short label may use: not codes.
ENGLISH = {
    "e-mail",
    "e-mailed",
    "e-mails",
    "move-in",
    "re-inspection",
    "re-inspections",
    "re-occupancy",
    "pro-rated",
    "in-person",
    "two-factor",
    "sign-in",
    "sign-up",
    "follow-up",
    "single-family",
}
FIELD_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # snake_case: a field's name
KEBAB = re.compile(r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b")
TOKEN = re.compile(r"\b[a-z][a-z-]+\b")
BOOLEAN = re.compile(r"\((?:true|false)\b|\b(?:true|false)\)|^(?:true|false|True|False|None)$")
MIDNIGHT = re.compile(r"\b12:00\s?(?:AM|a\.m\.)", re.IGNORECASE)  # a date shown as a time
SHORT = 6  # words: a label or a value, not a sentence of prose


class _Text(HTMLParser):
    """The text a person reads: text nodes (options' labels included) outside scripts and
    styles, and the words on input buttons."""

    SKIP = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        found = dict(attrs)
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.parts.append(str(found["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def known_codes() -> set[str]:
    """The codes the data keeps: statuses, triggers, unit types, payment methods, fee items."""
    codes = set(Application.Status.values) | set(Application.Trigger.values)
    codes |= set(Unit.UnitType.values) | set(DEFAULT_METHODS)
    for pack in all_packs():
        codes |= set(pack.fees.items)
        if pack.has_term("payment_methods"):
            methods = pack.term("payment_methods", dt.date(2026, 11, 30))
            codes |= {str(m) for m in methods} if isinstance(methods, list) else set()
    return codes


def slugs_in(text: str, codes: set[str], names: set[str]) -> list[str]:
    """The codes in one piece of visible text. Field names, booleans and midnight anywhere;
    hyphenated codes and known codes only in a short piece (a label or a value): prose may say
    "prior-to-sale inspections"."""
    found = FIELD_NAME.findall(text) + BOOLEAN.findall(text) + MIDNIGHT.findall(text)
    if len(text.split()) <= SHORT:
        found += [t for t in KEBAB.findall(text) if t not in ENGLISH and t not in names]
        found += [text] if text in codes else []  # a code for a value or an option
    return found


def test_the_finder_finds_the_codes_people_saw() -> None:
    codes = {"visa", "residential-occupancy", "apartment"}
    assert slugs_in("$60.00 (unit_type apartment), flat", codes, set()) == ["unit_type"]
    assert slugs_in("apartment", codes, set()) == ["apartment"]  # a lowercase option
    assert slugs_in("residential-occupancy · Lease", codes, set()) == ["residential-occupancy"]
    assert slugs_in("visa", codes, set()) == ["visa"]
    assert slugs_in("The unit is rented (true for a lease; false for a sale)", codes, set())
    assert slugs_in("Dec 7, 2026 12:00 AM", codes, set()) == ["12:00 AM"]
    # Words are not codes: prose, English compounds, a user's name, "true" in a sentence.
    assert slugs_in("Visa", codes, set()) == []
    assert slugs_in("Single-family house, move-in ready", codes, set()) == []
    assert slugs_in("village-clerk", codes, {"village-clerk"}) == []
    assert slugs_in("I certify this to be true and accurate", codes, set()) == []
    prose = "commercial occupancy, prior-to-sale inspections and the change-of-occupancy report"
    assert slugs_in(prose, codes, set()) == []


@pytest.fixture
def demo() -> None:
    call_command("load_jurisdictions", verbosity=0)
    call_command("demo_data", force=True, verbosity=0)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("walker", WALKERS, ids=lambda w: w or "public")
def test_no_page_shows_a_slug_or_a_field_name(walker: str | None) -> None:
    client = Client()
    if walker is not None:
        client.force_login(User.objects.get(username=walker))
    codes = known_codes()
    names = set(User.objects.values_list("username", flat=True))
    seen: set[str] = set()
    todo = deque(["/"])
    found: dict[str, set[str]] = {}
    while todo and len(seen) < MAX_PAGES:
        path = todo.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            todo.append(urlsplit(response["Location"]).path)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for part in visible_text(html):
            for slug in slugs_in(part, codes, names):
                found.setdefault(f"{slug!r} in {part[:80]!r}", set()).add(path)
        todo.extend(
            link
            for link in _links(path, html)
            if link not in seen and (walker is None or not PUBLIC_ONLY.search(link))
        )
    report = {shown: sorted(paths)[:3] for shown, paths in found.items()}
    assert report == {}
    assert len(seen) > 8  # the walk reached pages
