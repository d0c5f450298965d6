"""Issue 17, point 4 (last part): staff may enrol a TOTP second factor (django-otp), and
TWO_FACTOR_REQUIRED_FOR_STAFF makes it a must. A session that owes its code reaches nothing
but the code's page and sign-out, whether it signed in on the portal or the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from permitdesk.accounts.models import Membership, Role
from permitdesk.audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

PHRASE = "the clerk's phrase"
PAGE = "/accounts/two-factor/"


@pytest.fixture
def clerk() -> User:
    user = User.objects.create_user("clayton-clerk", "clerk@clayton.example", PHRASE)
    Membership.objects.create(
        user=user, jurisdiction=factories.jurisdiction("clayton-mo"), role=Role.CLERK
    )
    return user


def _code(device: TOTPDevice, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += later * device.step
    return f"{totp.token():0{device.digits}d}"


def _signed_in(username: str = "clayton-clerk") -> Client:
    client = Client()
    answer = client.post("/accounts/sign-in/", {"username": username, "password": PHRASE})
    assert answer.status_code == 302
    return client


def test_a_clerk_enrols_an_authenticator_with_a_code_it_shows(clerk: User) -> None:
    client = _signed_in()
    assert "Set up an authenticator app" in client.get(PAGE).content.decode()
    assert client.post(PAGE, {"action": "start"}).status_code == 302
    page = client.get(PAGE).content.decode()
    assert "<svg" in page  # the QR code, drawn inline (no script, no style: the CSP holds)
    assert "Key: <code>" in page
    device = TOTPDevice.objects.get(user=clerk)
    wrong = client.post(PAGE, {"action": "confirm", "code": "000000"})
    assert wrong.status_code == 422
    assert "not the one the app shows" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp makes the next try wait after a miss
    device.save()
    right = client.post(PAGE, {"action": "confirm", "code": _code(device)})
    assert right.status_code == 302
    assert TOTPDevice.objects.get(user=clerk).confirmed
    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("id"))
    assert actions[-2:] == ["start-two-factor", "enrol-two-factor"]


def test_signing_in_with_an_authenticator_asks_for_its_code_first(clerk: User) -> None:
    device = TOTPDevice.objects.create(user=clerk, name="app", confirmed=True)
    client = _signed_in()
    held = client.get("/staff/")
    assert held.status_code == 302
    assert held["Location"] == f"{PAGE}?next=%2Fstaff%2F"
    assert "Enter the 6-digit code" in client.get(held["Location"]).content.decode()
    api = client.get("/api/applications")
    assert api.status_code == 403
    assert "authenticator code" in api.json()["detail"]
    done = client.post(PAGE, {"action": "verify", "code": _code(device), "next": "/staff/"})
    assert done.status_code == 302
    assert done["Location"] == "/staff/"
    assert client.get("/api/applications").status_code == 200


def test_the_admin_sign_in_owes_the_code_too(clerk: User) -> None:
    clerk.is_staff = clerk.is_superuser = True
    clerk.save()
    TOTPDevice.objects.create(user=clerk, name="app", confirmed=True)
    admin = Client()
    admin.post("/admin/login/?next=/admin/", {"username": "clayton-clerk", "password": PHRASE})
    held = admin.get("/admin/")
    assert held.status_code == 302
    assert held["Location"].startswith(PAGE)


def test_wrong_codes_are_refused_and_then_throttled(clerk: User) -> None:
    TOTPDevice.objects.create(user=clerk, name="app", confirmed=True)
    client = _signed_in()
    answers = [
        client.post(PAGE, {"action": "verify", "code": f"{n:06d}"}).status_code for n in range(12)
    ]
    assert answers[:10] == [422] * 10
    assert answers[10:] == [429, 429]
    assert client.get("/staff/").status_code == 302  # still held


def test_when_required_staff_must_set_one_up_and_applicants_need_not(
    clerk: User, settings: Settings
) -> None:
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True
    User.objects.create_user("owner@example.test", "owner@example.test", PHRASE)
    client = _signed_in()
    held = client.get("/staff/")
    assert held["Location"].startswith(PAGE)
    assert "Staff accounts must have one" in client.get(PAGE).content.decode()
    applicant = _signed_in("owner@example.test")
    assert applicant.get("/cases/").status_code == 200
