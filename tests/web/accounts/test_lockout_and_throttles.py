"""Issue 17, point 2: after 30 wrong passwords the right one still worked, and 30 password
resets in a row were never slowed. Now: django-axes locks a user name from one client after
LOGIN_FAILURE_LIMIT (5) wrong passwords, on the portal's and the admin's sign-in; sign-in,
sign-up and reset are throttled per client; each answer says so (429) and is audited once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings

from permitdesk.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PHRASE = "the clerk's phrase"


@pytest.fixture
def clerk() -> User:
    return User.objects.create_user("clayton-clerk", "clerk@clayton.example", PHRASE)


def _sign_in(client: Client, password: str, username: str = "clayton-clerk", **extra: str) -> int:
    data = {"username": username, "password": password}
    return client.post("/accounts/sign-in/", data, **extra).status_code


def test_thirty_wrong_passwords_lock_the_account_from_that_client(
    client: Client, clerk: User
) -> None:
    answers = [_sign_in(client, f"wrong {n}") for n in range(30)]
    assert answers[:4] == [200] * 4  # the form again, "do not match"
    assert set(answers[4:]) == {429}
    assert _sign_in(client, PHRASE) == 429  # the right password too, until the lock runs out
    (event,) = AuditEvent.objects.filter(action="sign-in-locked-out")
    assert event.after == {"username": "clayton-clerk", "client": "127.0.0.1"}
    # Another client (the clerk at their desk) is not locked out by someone else's guesses.
    assert _sign_in(Client(), PHRASE, REMOTE_ADDR="10.1.2.3") == 302


def test_the_lockout_page_says_why_and_for_how_long(client: Client, clerk: User) -> None:
    for n in range(5):
        _sign_in(client, f"wrong {n}")
    locked = client.post("/accounts/sign-in/", {"username": "clayton-clerk", "password": PHRASE})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "After 5 wrong passwords" in page
    assert "locked for 15 minutes" in page
    assert locked["Retry-After"] == "900"


def test_the_admin_sign_in_is_locked_out_too(clerk: User) -> None:
    clerk.is_staff = clerk.is_superuser = True
    clerk.save()
    admin = Client()
    url = "/admin/login/?next=/admin/"
    answers = [
        admin.post(url, {"username": "clayton-clerk", "password": f"no {n}"}).status_code
        for n in range(8)
    ]
    assert answers[-1] == 429
    assert admin.post(url, {"username": "clayton-clerk", "password": PHRASE}).status_code == 429
    assert AuditEvent.objects.filter(action="sign-in-locked-out").count() == 1


def test_a_right_password_before_the_limit_starts_the_count_again(
    client: Client, clerk: User
) -> None:
    for n in range(4):
        _sign_in(client, f"wrong {n}")
    assert _sign_in(client, PHRASE) == 302
    client.post("/accounts/sign-out/")
    assert [_sign_in(client, f"again {n}") for n in range(4)] == [200] * 4


def test_sign_in_is_throttled_per_client_across_user_names(client: Client) -> None:
    answers = [_sign_in(client, "x", username=f"user{n}") for n in range(32)]
    assert answers[:30] == [200] * 30
    assert answers[30:] == [429, 429]
    assert AuditEvent.objects.get(action="throttled").after == {
        "scope": "sign-in",
        "limit": "30/900s",
    }


def test_thirty_password_resets_in_a_row_are_slowed(client: Client) -> None:
    answers = [
        client.post("/accounts/password-reset/", {"email": f"p{n}@example.test"}).status_code
        for n in range(30)
    ]
    assert answers[:10] == [302] * 10
    assert set(answers[10:]) == {429}
    refused = client.post("/accounts/password-reset/", {"email": "x@example.test"})
    assert "Too many attempts" in refused.content.decode()
    assert refused["Retry-After"] == "3600"
    assert AuditEvent.objects.filter(action="throttled").count() == 1


def test_one_address_gets_at_most_three_reset_links_an_hour(client: Client, clerk: User) -> None:
    answers = [
        Client(REMOTE_ADDR=f"10.0.0.{n}")
        .post("/accounts/password-reset/", {"email": "clerk@clayton.example"})
        .status_code
        for n in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]


def test_sign_up_is_throttled_per_client(client: Client) -> None:
    form = {
        "first_name": "A",
        "last_name": "B",
        "password1": "a long enough phrase",
        "password2": "a long enough phrase",
    }
    answers = [
        client.post("/accounts/sign-up/", {**form, "email": f"s{n}@example.test"}).status_code
        for n in range(12)
    ]
    assert answers == [302] * 10 + [429, 429]


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address(
    clerk: User, settings: Settings
) -> None:
    settings.TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(6):
        _sign_in(Client(), f"wrong {n}", HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7", **proxy)
    assert _sign_in(Client(), PHRASE, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy) == 429
    # Everyone else comes through the same proxy, and is not locked out with that client.
    assert _sign_in(Client(), PHRASE, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy) == 302


def test_a_forwarded_address_that_is_no_address_is_not_believed(
    clerk: User, settings: Settings
) -> None:
    """django-axes stores the client in an address column (PostgreSQL checks it)."""
    settings.TRUSTED_PROXIES = 1
    for n in range(6):
        _sign_in(Client(), f"wrong {n}", HTTP_X_FORWARDED_FOR="not-an-address")
    # The client is then the peer (127.0.0.1), locked out like any other.
    assert _sign_in(Client(), PHRASE) == 429
