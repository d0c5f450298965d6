"""The signed-in inspector's feed URL (/feeds/inspections/mine) and its rotation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.models import AuditEvent
from permitdesk.exports.links import feed_url_for
from permitdesk.exports.models import CalendarFeed
from tests.api.client import Clock
from tests.exports.feeds import fetch
from tests.factories import MONDAY, people, scheduled

pytestmark = pytest.mark.django_db

MINE = "/feeds/inspections/mine"
ROTATE = "/feeds/inspections/rotate"


@pytest.fixture(autouse=True)
def on_monday(clock: Clock) -> None:
    clock.set(MONDAY)


def signed_in(user: User, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_mine_gives_the_inspector_a_working_url_once_and_the_same_url_after() -> None:
    who = people()
    scheduled(who)
    client = signed_in(who.inspector)
    first = client.get(MINE)
    assert first.status_code == 200
    url = first.json()["url"]
    assert url.startswith("http://127.0.0.1:8000/feeds/inspections/")
    assert first.json()["webcal"] == "webcal://" + url.removeprefix("http://")
    assert first["Cache-Control"] == "private, no-store"  # the URL is the secret
    assert fetch(url)[0] == 200
    assert client.get(MINE).json()["url"] == url == feed_url_for(who.inspector)
    issued = AuditEvent.objects.filter(action="issue-calendar-feed")
    assert list(issued.values_list("actor", "at")) == [(who.inspector.pk, MONDAY)]


def test_the_database_holds_the_key_but_not_the_secret() -> None:
    who = people()
    url = feed_url_for(who.inspector)
    feed = CalendarFeed.objects.get(user=who.inspector)
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert secret.startswith(feed.key + ".")
    assert len(secret) - len(feed.key) == 65  # the HMAC under SECRET_KEY is not stored
    audited = AuditEvent.objects.get(action="issue-calendar-feed")
    assert feed.key not in str(audited.before) + str(audited.after)


@pytest.mark.parametrize("role", ["owner", "clerk", "official"])
def test_mine_refuses_who_is_not_an_inspector(role: str) -> None:
    who = people()
    response = signed_in(getattr(who, role)).get(MINE)
    assert response.status_code == 403
    assert response.json() == {"detail": "only inspectors have an inspection calendar feed"}
    assert not CalendarFeed.objects.exists()
    with pytest.raises(Forbidden):
        feed_url_for(getattr(who, role))


def test_mine_and_rotate_ask_an_anonymous_caller_to_sign_in() -> None:
    assert Client().get(MINE).status_code == 401
    assert Client().post(ROTATE).status_code == 401
    assert not CalendarFeed.objects.exists()


def test_rotating_makes_a_new_url_and_the_old_one_answers_404(clock: Clock) -> None:
    who = people()
    scheduled(who)
    old = feed_url_for(who.inspector)
    clock.set(MONDAY.replace(hour=11))
    response = signed_in(who.inspector).post(ROTATE)
    assert response.status_code == 200
    new = response.json()["url"]
    assert new != old
    assert fetch(old)[0] == 404
    assert fetch(new)[0] == 200
    assert feed_url_for(who.inspector) == new
    rotated = AuditEvent.objects.get(action="rotate-calendar-feed")
    assert (rotated.actor_id, rotated.at) == (who.inspector.pk, MONDAY.replace(hour=11))
    assert dt.datetime.fromisoformat(rotated.before["created_at"]) == MONDAY


def test_rotation_is_a_post_protected_from_cross_site_requests() -> None:
    who = people()
    old = feed_url_for(who.inspector)
    client = signed_in(who.inspector, csrf=True)
    assert client.get(ROTATE).status_code == 405
    assert client.post(ROTATE).status_code == 403  # no CSRF token
    assert feed_url_for(who.inspector) == old
    client.get(MINE)  # any page sets the csrftoken cookie; here, use the one Django makes
    token = _csrf_token(client)
    response = client.post(ROTATE, {"csrfmiddlewaretoken": token, "next": "/staff/"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert feed_url_for(who.inspector) != old


def test_rotation_ignores_a_next_that_leaves_the_site() -> None:
    who = people()
    response = signed_in(who.inspector).post(ROTATE, {"next": "https://evil.example/"})
    assert response.status_code == 200
    assert response.json()["url"] == feed_url_for(who.inspector)


def test_rotation_refuses_who_is_not_an_inspector() -> None:
    who = people()
    assert signed_in(who.clerk).post(ROTATE).status_code == 403
    assert not AuditEvent.objects.filter(action="rotate-calendar-feed").exists()


def _csrf_token(client: Client) -> str:
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return token
