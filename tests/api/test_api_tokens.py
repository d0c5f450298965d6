"""The signed-in user's API tokens: issued once, listed without the token, revoked at once."""

from __future__ import annotations

import pytest
from django.test import Client

from permitdesk.audit.models import AuditEvent
from tests import factories
from tests.api.client import Api

pytestmark = pytest.mark.django_db


def _bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_token_is_shown_once_works_and_stops_working_when_revoked() -> None:
    me = Api(factories.user("owner"))
    status, issued = me.post("/tokens", {"name": "laptop"})
    assert status == 201, issued
    fresh = _bearer(issued["token"])
    assert fresh.get("/api/applications").status_code == 200
    listed = me.get("/tokens")[1]["items"]
    assert [t["name"] for t in listed][:1] == ["laptop"]
    assert all("token" not in t for t in listed)
    status, revoked = me.post(f"/tokens/{issued['id']}/revoke")
    assert status == 200
    assert revoked["revoked_at"] is not None
    assert fresh.get("/api/applications").status_code == 401
    assert me.post(f"/tokens/{issued['id']}/revoke")[0] == 409
    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("id"))
    assert actions[-2:] == ["issue-token", "revoke-token"]


def test_another_users_token_is_not_found_and_stays_valid() -> None:
    mine = Api(factories.user("owner"))
    theirs = Api(factories.user("other"))
    status, issued = theirs.post("/tokens", {"name": "theirs"})
    assert status == 201
    assert mine.post(f"/tokens/{issued['id']}/revoke") == (
        404,
        {"detail": f"token {issued['id']} not found"},
    )
    assert _bearer(issued["token"]).get("/api/applications").status_code == 200


def test_a_token_needs_a_name() -> None:
    status, body = Api(factories.user("owner")).post("/tokens", {"name": ""})
    assert (status, body["detail"][0]["loc"]) == (422, ["body", "name"])


@pytest.mark.parametrize("path", ["/api/applications", "/api/tokens"])
def test_the_authorization_header_is_read_as_a_bearer_scheme_in_any_case(path: str) -> None:
    """Deferred (the case list) and checked at once (the tokens) alike."""
    me = Api(factories.user("owner"))
    token = me.post("/tokens", {"name": "laptop"})[1]["token"]
    for header, status in (
        (f"Bearer {token}", 200),
        (f"bearer {token}", 200),
        (f"BEARER {token}", 200),
        (f"Basic {token}", 401),
        (f"Bearer  {token}", 401),  # the token is all that follows the first space
        (f"Bearer {token}x", 401),
        ("Bearer", 401),
        ("", 401),
    ):
        answer = Client(headers={"Authorization": header} if header else {}).get(path)
        assert answer.status_code == status, header
