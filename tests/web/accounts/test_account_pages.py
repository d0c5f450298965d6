"""Sign-up, sign-in and password reset through the Django test client: errors next to their
fields, what was typed kept, nothing stored on a refusal, and the reset e-mail's link works."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from permitdesk.audit.models import AuditEvent, OutboxMessage
from tests.web.accounts.signing_up import verify

pytestmark = pytest.mark.django_db

GOOD = {
    "first_name": "Ada",
    "last_name": "Byron",
    "email": "Ada@Example.test ",
    "password1": "correct horse battery",
    "password2": "correct horse battery",
}


def test_sign_up_creates_the_account_once_its_address_is_verified(client: Client) -> None:
    asked = client.post("/accounts/sign-up/", GOOD, follow=True)
    assert asked.status_code == 200
    assert "Check your e-mail" in asked.content.decode()
    assert User.objects.count() == 0  # nothing to sign in to before the address is verified
    response = verify(client, "ada@example.test")
    user = User.objects.get()
    assert (user.username, user.email, user.first_name) == (
        "ada@example.test",
        "ada@example.test",
        "Ada",
    )
    assert user.memberships.count() == 0  # applicants hold no staff role
    assert response.context["user"] == user
    assert "Welcome, Ada" in response.content.decode()
    event = AuditEvent.objects.get(action="register")
    assert event.after == {"email": "ada@example.test", "first_name": "Ada", "last_name": "Byron"}


def test_sign_up_errors_sit_next_to_their_fields_and_keep_the_input(client: Client) -> None:
    response = client.post(
        "/accounts/sign-up/", {**GOOD, "email": "not-an-address", "password2": "different"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_email-error"' in page
    assert "Enter a valid email address." in page
    assert 'aria-describedby="id_email-hint id_email-error"' in page
    assert 'aria-invalid="true"' in page
    assert 'id="id_password2-error"' in page
    assert "The two passwords differ." in page
    assert 'value="Byron"' in page  # kept
    assert 'href="#id_email"' in page  # the summary links to the field
    assert User.objects.count() == 0


def test_a_weak_or_short_password_is_refused(client: Client) -> None:
    weak = client.post(
        "/accounts/sign-up/", {**GOOD, "password1": "123456789012", "password2": "123456789012"}
    )
    assert weak.status_code == 422
    assert "This password is entirely numeric." in weak.content.decode()
    short = client.post(
        "/accounts/sign-up/", {**GOOD, "password1": "horse batter", "password2": "horse batter"}
    )
    assert short.status_code == 302  # 12 characters: enough
    eleven = client.post(
        "/accounts/sign-up/", {**GOOD, "password1": "horse batte", "password2": "horse batte"}
    )
    assert eleven.status_code == 422
    assert "at least 12 characters" in eleven.content.decode()
    assert User.objects.count() == 0


def test_sign_in_by_email_in_any_case_and_a_wrong_password_is_refused(client: Client) -> None:
    client.post("/accounts/sign-up/", GOOD)
    verify(client, "ada@example.test")
    client.post("/accounts/sign-out/")
    wrong = client.post("/accounts/sign-in/", {"username": "ada@example.test", "password": "nope"})
    assert wrong.status_code == 200
    assert "That email address and password do not match an account" in wrong.content.decode()
    right = client.post(
        "/accounts/sign-in/", {"username": "ADA@example.test", "password": GOOD["password1"]}
    )
    assert right.status_code == 302
    assert right["Location"] == "/"


def test_the_password_reset_mail_carries_a_link_that_sets_a_new_password(client: Client) -> None:
    client.post("/accounts/sign-up/", GOOD)
    verify(client, "ada@example.test")
    client.post("/accounts/sign-out/")
    sent = client.post("/accounts/password-reset/", {"email": "ada@example.test"})
    assert sent.status_code == 302
    assert mail.outbox == []  # queued in the outbox, not sent inside the request
    message = OutboxMessage.objects.get(kind="password-reset")
    assert message.to == "ada@example.test"
    link = re.search(r"http://127.0.0.1:8000(/accounts/password-reset/\S+/)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long phrase", "new_password2": "a new long phrase"},
    )
    assert done.status_code == 302
    assert User.objects.get().check_password("a new long phrase")


def test_a_form_without_its_csrf_token_gets_the_friendly_page() -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/sign-up/", GOOD)
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()
    assert User.objects.count() == 0


def test_an_unknown_page_is_a_404_page_without_a_stack_trace(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Traceback" not in page


def test_staff_sign_in_with_their_user_name_or_their_address(client: Client) -> None:
    User.objects.create_user("clayton-clerk", "clerk@clayton.example", "a staff phrase")
    by_name = client.post(
        "/accounts/sign-in/", {"username": "clayton-clerk", "password": "a staff phrase"}
    )
    assert by_name.status_code == 302
    client.post("/accounts/sign-out/")
    by_address = client.post(
        "/accounts/sign-in/", {"username": "Clerk@Clayton.example", "password": "a staff phrase"}
    )
    assert by_address.status_code == 302
    client.post("/accounts/sign-out/")
    wrong = client.post("/accounts/sign-in/", {"username": "clayton-clerk", "password": "x"})
    assert wrong.status_code == 200
