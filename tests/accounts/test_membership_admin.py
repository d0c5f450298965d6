"""Memberships in Django's admin, through its real HTTP forms: adding, changing and deleting a
staff role call accounts.staff's services (the signed-in superuser as actor), so no admin edit
bypasses the audit trail; a refusal is the form's error (or a message) and changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.accounts.models import Membership, Role
from permitdesk.audit.models import AuditEvent
from tests import factories
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

ADD = "/admin/accounts/membership/add/"


@pytest.fixture
def root(db: None) -> User:
    return factories.superuser()


@pytest.fixture
def admin_client(root: User) -> Client:
    client = Client()
    client.force_login(root)
    return client


def change_url(membership: Membership) -> str:
    return f"/admin/accounts/membership/{membership.pk}/change/"


def delete_url(membership: Membership) -> str:
    return f"/admin/accounts/membership/{membership.pk}/delete/"


def test_adding_a_membership_grants_the_role_with_the_superuser_as_actor(
    root: User, admin_client: Client
) -> None:
    bob = factories.user("bob")
    clayton = factories.jurisdiction("clayton-mo")
    assert admin_client.get(ADD).status_code == 200
    body = {"user": bob.pk, "jurisdiction": clayton.pk, "role": "division-admin"}
    with writes_one_event("grant-role", messages=("role-granted",)) as written:
        response = admin_client.post(ADD, body)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert written.event.actor == root
    assert Membership.objects.get(user=bob).role == Role.DIVISION_ADMIN


def test_a_role_already_held_is_the_forms_error_and_writes_nothing(
    admin_client: Client,
) -> None:
    bob = factories.user("bob", Role.CLERK, "clayton-mo")
    clayton = factories.jurisdiction("clayton-mo")
    with writes_nothing():
        response = admin_client.post(
            ADD, {"user": bob.pk, "jurisdiction": clayton.pk, "role": "clerk"}
        )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "already exists" in str(errors)


def test_a_service_refusal_is_the_error_of_the_field_it_names(
    admin_client: Client, root: User
) -> None:
    """The refusals the form cannot see itself: here, an inactive account."""
    bob = factories.user("bob")
    bob.is_active = False
    bob.save()
    clayton = factories.jurisdiction("clayton-mo")
    with writes_nothing():
        response = admin_client.post(
            ADD, {"user": bob.pk, "jurisdiction": clayton.pk, "role": "clerk"}
        )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["user"] == ["the account bob is deactivated"]


def test_changing_the_role_goes_through_the_service(admin_client: Client) -> None:
    bob = factories.user("bob", Role.CLERK, "clayton-mo")
    held = Membership.objects.get(user=bob)
    page = admin_client.get(change_url(held))
    assert page.status_code == 200
    # the person and the place are shown, not editable: another is a new grant
    assert b'name="user"' not in page.content
    with writes_one_event("change-role", messages=("role-changed",)) as written:
        response = admin_client.post(change_url(held), {"role": "inspector"})
    assert response.status_code == 302
    assert written.event.before["role"] == "clerk"
    held.refresh_from_db()
    assert held.role == Role.INSPECTOR


def test_deleting_revokes_the_role(admin_client: Client) -> None:
    bob = factories.user("bob", Role.INSPECTOR, "clayton-mo")
    held = Membership.objects.get(user=bob)
    assert admin_client.get(delete_url(held)).status_code == 200
    with writes_one_event("revoke-role", messages=("role-revoked",)):
        response = admin_client.post(delete_url(held), {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=held.pk).exists()


def test_deleting_the_last_division_administrator_is_refused_with_a_message(
    admin_client: Client,
) -> None:
    bob = factories.user("bob", Role.DIVISION_ADMIN, "clayton-mo")
    held = Membership.objects.get(user=bob)
    with writes_nothing():
        response = admin_client.post(delete_url(held), {"post": "yes"}, follow=True)
    assert "the last division administrator" in response.content.decode()
    assert Membership.objects.filter(pk=held.pk).exists()


def test_there_is_no_bulk_delete(admin_client: Client) -> None:
    bob = factories.user("bob", Role.CLERK, "clayton-mo")
    held = Membership.objects.get(user=bob)
    page = admin_client.get("/admin/accounts/membership/")
    assert b"delete_selected" not in page.content
    with writes_nothing():
        admin_client.post(
            "/admin/accounts/membership/",
            {"action": "delete_selected", "_selected_action": [held.pk], "post": "yes"},
        )


def test_an_account_with_roles_cannot_be_deleted_around_the_trail(admin_client: Client) -> None:
    bob = factories.user("bob", Role.CLERK, "clayton-mo")
    with writes_nothing():
        response = admin_client.post(f"/admin/auth/user/{bob.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the admin's "cannot delete: protected" page
    assert b"protected" in response.content.lower()
    assert not AuditEvent.objects.filter(action="revoke-role").exists()


def test_staff_who_are_not_superusers_cannot_grant_in_the_admin(db: None) -> None:
    clerk = factories.user("clerk", Role.CLERK, "clayton-mo")
    clerk.is_staff = True
    clerk.save()
    client = Client()
    client.force_login(clerk)
    with writes_nothing():
        assert client.post(ADD, {"user": clerk.pk, "role": "division-admin"}).status_code == 403
