"""Staff and roles in the portal: a division administrator lists their jurisdiction's staff,
grants a role to an existing account, changes and revokes one; each change is posted (CSRF)
from its own confirmation page and goes through accounts.staff's services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.accounts.models import Membership, Role
from tests import factories
from tests.web.staff.conftest import client_of
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

LIST = "/staff/clayton-mo/people/"
GRANT = "/staff/clayton-mo/people/grant/"


@pytest.fixture
def admin(who: factories.People) -> User:
    return factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo")


def membership(person: User, role: str) -> Membership:
    return Membership.objects.get(user=person, jurisdiction__slug="clayton-mo", role=role)


def test_the_staff_list_shows_each_role_with_its_actions(
    who: factories.People, admin: User
) -> None:
    page = client_of(admin).get(LIST)
    assert page.status_code == 200
    text = page.content.decode()
    for person in (who.clerk, who.inspector, who.official, admin):
        assert person.username in text
    assert f"/staff/clayton-mo/people/{membership(who.clerk, Role.CLERK).pk}/revoke/" in text
    # their own role is an operator's to change: no link
    assert f"/people/{membership(admin, Role.DIVISION_ADMIN).pk}/revoke/" not in text
    assert "county-clerk" not in text  # another jurisdiction's staff


def test_one_jurisdiction_sends_the_staff_home_link_to_its_list(admin: User) -> None:
    response = client_of(admin).get("/staff/people/")
    assert (response.status_code, response["Location"]) == (302, LIST)


def test_two_jurisdictions_are_listed_to_choose_from(admin: User) -> None:
    Membership.objects.create(
        user=admin, jurisdiction=factories.jurisdiction("st-louis-county-mo"), role="division-admin"
    )
    page = client_of(admin).get("/staff/people/")
    assert page.status_code == 200
    assert b"/staff/st-louis-county-mo/people/" in page.content
    assert b"/staff/clayton-mo/people/" in page.content


def test_the_navigation_and_the_staff_home_link_to_it_for_division_admins_only(
    who: factories.People, admin: User
) -> None:
    home = client_of(admin).get("/staff/").content.decode()
    assert 'href="/staff/people/"' in home  # the navigation
    assert f'href="{LIST}"' in home  # the desk of Clayton
    clerk_home = client_of(who.clerk).get("/staff/").content.decode()
    assert "/staff/people/" not in clerk_home
    assert "Staff and roles" not in clerk_home


def test_a_grant_by_username_gives_the_role_and_mails_the_person(
    who: factories.People, admin: User
) -> None:
    client = client_of(admin)
    with writes_one_event("grant-role", messages=("role-granted",)):
        response = client.post(GRANT, {"user": "owner", "role": "inspector"})
    assert (response.status_code, response["Location"]) == (302, LIST)
    assert membership(who.owner, Role.INSPECTOR).pk
    after = client.get(LIST).content.decode()
    assert "owner is now inspector in" in after


def test_a_grant_by_e_mail_finds_the_account(who: factories.People, admin: User) -> None:
    client_of(admin).post(GRANT, {"user": "OWNER@example.test", "role": "clerk"})
    assert membership(who.owner, Role.CLERK).pk


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            {"user": "nobody@example.test", "role": "clerk"},
            "No account has the username or e-mail &#x27;nobody@example.test&#x27;",
        ),
        ({"user": "clayton-clerk", "role": "clerk"}, "Clayton-clerk is already clerk in"),
        ({"user": "clayton-admin", "role": "clerk"}, "You may not change your own roles"),
        ({"user": "owner", "role": "division-admin"}, "Select a valid choice"),
        ({"user": "", "role": "clerk"}, "This field is required"),
    ],
    ids=["no such account", "already held", "themself", "division-admin", "empty"],
)
def test_a_refused_grant_says_why_beside_the_field_and_changes_nothing(
    who: factories.People, admin: User, body: dict[str, str], words: str
) -> None:
    client = client_of(admin)
    with writes_nothing():
        response = client.post(GRANT, body)
    assert response.status_code == 422
    text = response.content.decode()
    assert words in text
    assert 'aria-invalid="true"' in text


def test_a_change_is_confirmed_then_posted(who: factories.People, admin: User) -> None:
    held = membership(who.clerk, Role.CLERK)
    path = f"/staff/clayton-mo/people/{held.pk}/change/"
    client = client_of(admin)
    with writes_nothing():
        page = client.get(path)
    assert page.status_code == 200
    assert b"Change the role" in page.content
    assert b"csrfmiddlewaretoken" in page.content
    with writes_one_event("change-role", messages=("role-changed",)):
        response = client.post(path, {"role": "code-official"})
    assert response.status_code == 302
    assert membership(who.clerk, Role.CODE_OFFICIAL).pk == held.pk


def test_a_change_to_the_same_role_is_refused_on_the_form(
    who: factories.People, admin: User
) -> None:
    path = f"/staff/clayton-mo/people/{membership(who.clerk, Role.CLERK).pk}/change/"
    client = client_of(admin)
    with writes_nothing():
        response = client.post(path, {"role": "clerk"})
    assert response.status_code == 422
    assert b"Clayton-clerk is already clerk" in response.content


def test_a_revocation_is_confirmed_then_posted(who: factories.People, admin: User) -> None:
    held = membership(who.inspector, Role.INSPECTOR)
    path = f"/staff/clayton-mo/people/{held.pk}/revoke/"
    client = client_of(admin)
    page = client.get(path)
    assert b"Revoke clayton-inspector's role?" in page.content
    with writes_one_event("revoke-role", messages=("role-revoked",)):
        response = client.post(path)
    assert (response.status_code, response["Location"]) == (302, LIST)
    assert not Membership.objects.filter(pk=held.pk).exists()


def test_revoking_their_own_role_is_refused_on_the_page(admin: User) -> None:
    path = f"/staff/clayton-mo/people/{membership(admin, Role.DIVISION_ADMIN).pk}/revoke/"
    client = client_of(admin)
    with writes_nothing():
        response = client.post(path)
    assert response.status_code == 422
    assert b"is given by an operator or a superuser" in response.content


def test_the_forms_need_the_csrf_token(who: factories.People, admin: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    path = f"/staff/clayton-mo/people/{membership(who.clerk, Role.CLERK).pk}/revoke/"
    with writes_nothing():
        assert client.post(path).status_code == 403
        assert client.post(GRANT, {"user": "owner", "role": "clerk"}).status_code == 403


def test_another_jurisdictions_staff_and_memberships_are_not_found(
    who: factories.People, admin: User
) -> None:
    county_admin = factories.user("county-admin", Role.DIVISION_ADMIN, "st-louis-county-mo")
    theirs = client_of(county_admin)
    held = membership(who.clerk, Role.CLERK)
    with writes_nothing():
        assert theirs.get(LIST).status_code == 404
        assert theirs.post(GRANT, {"user": "owner", "role": "clerk"}).status_code == 404
        assert theirs.post(f"/staff/clayton-mo/people/{held.pk}/revoke/").status_code == 404
        # Clayton's membership under the county's address is not found either
        county_path = f"/staff/st-louis-county-mo/people/{held.pk}/revoke/"
        assert theirs.post(county_path).status_code == 404


def test_the_pages_fit_a_phone_and_work_without_scripts(who: factories.People, admin: User) -> None:
    """Plain forms and links (no script is needed to post), and the stacked table that USWDS
    lays out as cards on a narrow screen."""
    text = client_of(admin).get(LIST).content.decode()
    assert "usa-table--stacked" in text
    assert 'data-label="Role"' in text
    form = client_of(admin).get(GRANT).content.decode()
    assert '<form method="post"' in form
    assert 'type="submit"' in form
