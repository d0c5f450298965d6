"""manage.py staff grant|revoke|list: the operator's way to give and take away staff roles."""

from __future__ import annotations

import getpass
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from permitdesk.accounts.models import Membership, Role
from tests import factories
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def staff(*args: str) -> str:
    out = StringIO()
    call_command("staff", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def bob(db: None) -> None:
    factories.jurisdiction("clayton-mo")
    factories.jurisdiction("st-louis-county-mo")
    factories.user("bob")


def test_it_grants_a_clerk_by_username(bob: None) -> None:
    with writes_one_event("grant-role", messages=("role-granted",)) as written:
        out = staff("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "clerk")
    assert out == "granted: bob clerk in clayton-mo\n"
    assert Membership.objects.filter(
        user__username="bob", jurisdiction__slug="clayton-mo", role=Role.CLERK
    ).exists()
    assert written.event.actor is None
    assert written.event.after["operator"] == getpass.getuser()


def test_it_finds_the_user_by_e_mail(bob: None) -> None:
    staff("grant", "BOB@example.test", "--jurisdiction", "clayton-mo", "--role", "division-admin")
    assert Membership.objects.get(user__username="bob").role == Role.DIVISION_ADMIN


def test_it_revokes_a_role(bob: None) -> None:
    staff("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "inspector")
    with writes_one_event("revoke-role", messages=("role-revoked",)):
        out = staff("revoke", "bob", "--jurisdiction", "clayton-mo", "--role", "inspector")
    assert out == "revoked: bob inspector in clayton-mo\n"
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("grant", "nobody", "--jurisdiction", "clayton-mo", "--role", "clerk"),
            "USER: no account has the username or e-mail 'nobody'",
        ),
        (
            ("grant", "bob", "--jurisdiction", "nowhere", "--role", "clerk"),
            "--jurisdiction 'nowhere' is not one of: clayton-mo, st-louis-county-mo",
        ),
        (
            ("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "mayor"),
            "--role: 'mayor' is not one of: clerk, inspector, code-official, division-admin",
        ),
        (
            ("revoke", "bob", "--jurisdiction", "clayton-mo", "--role", "clerk"),
            "--role: bob is not clerk in City of Clayton",
        ),
        (("list", "--jurisdiction", "nowhere"), "--jurisdiction 'nowhere' is not one of"),
    ],
    ids=["unknown user", "unknown jurisdiction", "unknown role", "a role not held", "list"],
)
def test_bad_input_names_the_argument_and_changes_nothing(
    bob: None, args: tuple[str, ...], words: str
) -> None:
    with writes_nothing(), pytest.raises(CommandError) as refused:
        staff(*args)
    assert words in str(refused.value)


def test_a_second_grant_is_refused_naming_the_user(bob: None) -> None:
    staff("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "clerk")
    with writes_nothing(), pytest.raises(CommandError, match="USER: bob is already clerk"):
        staff("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "clerk")


def test_the_last_division_administrator_stays(bob: None) -> None:
    staff("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "division-admin")
    with writes_nothing(), pytest.raises(CommandError, match="last division administrator"):
        staff("revoke", "bob", "--jurisdiction", "clayton-mo", "--role", "division-admin")


def test_it_lists_the_staff_by_jurisdiction(bob: None) -> None:
    factories.user("ann", Role.INSPECTOR, "st-louis-county-mo")
    staff("grant", "bob", "--jurisdiction", "clayton-mo", "--role", "clerk")
    assert staff("list").splitlines() == [
        "clayton-mo          clerk      bob  bob@example.test",
        "st-louis-county-mo  inspector  ann  ann@example.test",
    ]
    assert staff("list", "--jurisdiction", "st-louis-county-mo").splitlines() == [
        "st-louis-county-mo  inspector  ann  ann@example.test"
    ]


def test_an_empty_list_says_so(bob: None) -> None:
    assert staff("list", "--jurisdiction", "clayton-mo") == "no staff roles in clayton-mo\n"
