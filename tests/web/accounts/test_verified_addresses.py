"""Issue 17, point 3: an address counts only once verified; sign-up and reset answer the same
whatever the address, and their mail goes through the outbox (retried, never lost)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.notices.outbox import deliver_due
from tests.notices.conftest import Server
from tests.web.accounts.signing_up import verification_path, verify

pytestmark = pytest.mark.django_db

CLERK = "clerk@clayton.example"
SQUAT = {
    "first_name": "Mallory",
    "last_name": "Squatter",
    "email": CLERK,
    "password1": "a squatter's phrase",
    "password2": "a squatter's phrase",
}


def test_a_clerks_address_cannot_be_squatted(client: Client) -> None:
    User.objects.create_user("clayton-clerk", CLERK, "the clerk's phrase")
    answer = client.post("/accounts/sign-up/", SQUAT)
    assert answer.status_code == 302  # the same answer as for a new address
    assert User.objects.count() == 1  # no second account carries the clerk's address
    # The squatter cannot sign in with the address...
    squatter = Client()
    refused = squatter.post(
        "/accounts/sign-in/", {"username": CLERK, "password": "a squatter's phrase"}
    )
    assert refused.status_code == 200
    # ... and the clerk still can, and is the one told about the attempt.
    assert (
        Client()
        .post("/accounts/sign-in/", {"username": CLERK, "password": "the clerk's phrase"})
        .status_code
        == 302
    )
    (note,) = OutboxMessage.objects.all()
    assert (note.kind, note.to) == ("account-exists", CLERK)
    assert "/accounts/verify/" not in note.body  # no link that would make an account


def test_an_unverified_address_can_neither_sign_in_nor_get_a_reset_link(client: Client) -> None:
    client.post("/accounts/sign-up/", {**SQUAT, "email": "new@example.test"})
    signed_in = client.post(
        "/accounts/sign-in/", {"username": "new@example.test", "password": "a squatter's phrase"}
    )
    assert signed_in.status_code == 200
    client.post("/accounts/password-reset/", {"email": "new@example.test"})
    kinds = list(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == ["verify-email"]  # its verification link, and nothing else


def test_a_verification_link_works_once_and_a_bad_one_is_refused(client: Client) -> None:
    client.post("/accounts/sign-up/", {**SQUAT, "email": "new@example.test"})
    path = verification_path("new@example.test")
    verify(client, "new@example.test")
    assert User.objects.filter(username="new@example.test").count() == 1
    again = Client().post(path)
    assert again.status_code == 409
    assert "not valid any more" in again.content.decode()
    assert Client().get("/accounts/verify/not-a-token/").status_code == 404
    assert User.objects.count() == 1


def test_sign_up_answers_the_same_for_a_taken_and_a_new_address(client: Client) -> None:
    User.objects.create_user("clayton-clerk", CLERK, "the clerk's phrase")
    taken = client.post("/accounts/sign-up/", SQUAT, follow=True)
    new = client.post("/accounts/sign-up/", {**SQUAT, "email": "n@example.test"}, follow=True)
    assert taken.status_code == new.status_code == 200
    assert taken.redirect_chain == new.redirect_chain
    assert _page(taken) == _page(new)
    assert "exists" not in _page(taken)


def _page(response: Any) -> str:
    """The page without its CSRF token (a fresh one on every page)."""
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())


def _timed(client: Client, address: str) -> float:
    start = time.perf_counter()
    response = client.post("/accounts/password-reset/", {"email": address})
    assert response.status_code == 302
    return time.perf_counter() - start


def test_reset_answers_the_same_in_the_same_time_whatever_the_address(
    client: Client, smtp_server: Server, settings: object
) -> None:
    """The SMTP server is down: the request never waits for it (1.23 s against 0.01 s
    before), and the known address's link is queued, not lost."""
    User.objects.create_user("ada@example.test", "ada@example.test", "a long phrase here")
    User.objects.create_user("bob@example.test", "bob@example.test", "a long phrase here")
    known = [_timed(client, "ada@example.test") for _ in range(3)]
    unknown = [_timed(client, "nobody@example.test") for _ in range(3)]
    assert abs(min(known) - min(unknown)) < 0.05, (known, unknown)
    answers = {
        _page(client.post("/accounts/password-reset/", {"email": a}, follow=True))
        for a in ("BOB@example.test", "nobody2@example.test")
    }
    assert len(answers) == 1
    assert mail.outbox == []
    assert OutboxMessage.objects.filter(kind="password-reset").count() == 4
    # The server comes up: the worker delivers the queued links.
    smtp_server.start()
    sent = deliver_due()
    assert len(sent.sent) == 4
    assert sorted(m["To"] for m in smtp_server.inbox.messages) == [
        *["ada@example.test"] * 3,
        "bob@example.test",
    ]
    assert AuditEvent.objects.filter(action="request-password-reset").count() == 4
