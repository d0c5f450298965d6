"""Property-based tests of the whole API from its own OpenAPI document (schemathesis): every
operation, with generated valid and invalid input, answers with a status and a body its
document declares, and never a server error, on SQLite and on PostgreSQL.

The caller is a clerk of Clayton who is also its code official, so that every service is
reached; ids the generator draws are pointed at a real case (paid, inspection requested and
assigned), its fee line and inspection, a permit, a property and a unit, so generated bodies
reach the database (where NUL bytes and out-of-range numbers would fail) instead of a 404.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from hypothesis import HealthCheck, settings
from pytest_django.fixtures import Settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from permitdesk.accounts.models import ApiToken, Membership, Role, token_digest
from permitdesk.api.errors import DOMAIN_422
from permitdesk.cases.services import occupants
from permitdesk.site.wsgi import application
from tests import factories
from tests.api.client import token_for
from tests.factories import issued, people, scheduled

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

# Which object each path's {id} names.
TARGETS = {
    "/api/applications/": "case",
    "/api/inspections/": "inspection",
    "/api/occupants/": "occupant",
    "/api/fee-lines/": "line",
    "/api/permits/": "permit",
    "/api/properties/": "property",
    "/api/relations/": "claim",
    "/api/payments/": "payment",
    "/api/tokens/": "token",
    "/api/units/": "unit",
}


@pytest.fixture(autouse=True)
def _no_token_throttle(settings: Settings) -> None:
    """The generator sends hundreds of requests with a bad or no token from one client in one
    test; the throttle would answer the rest 429 (tests/api/test_api_token_throttle.py)."""
    settings.THROTTLES = {**settings.THROTTLES, "api-token": (1_000_000, 900)}


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path  # the documents the generated messages attach
    # The examples would run into the verification's rate limit (tests/api/test_api_verify.py).
    settings.VERIFY_RATE_LIMIT = 1_000_000
    who = people()
    clayton = factories.jurisdiction("clayton-mo")
    Membership.objects.create(user=who.clerk, jurisdiction=clayton, role=Role.CODE_OFFICIAL)
    case, inspection = scheduled(who)
    permit = issued(who)
    callers: dict[str, User | None] = {**who.roles()}
    return {
        "headers": {"Authorization": f"Bearer {token_for(who.clerk)}"},
        "role_headers": {
            role: ({"Authorization": f"Bearer {token_for(user)}"} if user is not None else {})
            for role, user in callers.items()
        },
        "case": case.pk,
        "inspection": inspection.pk,
        "line": case.fee_lines.get().pk,
        "permit": permit.pk,
        "property": case.unit.property_id,
        "payment": case.payments.get().pk,
        "token": ApiToken.objects.get(digest=token_digest(token_for(who.clerk, "spare"))).pk,
        "unit": case.unit_id,
        "inspector": who.inspector.pk,
        "occupant": occupants.add_occupant(
            actor=who.owner, application=case, first_name="A", last_name="B", now=factories.MONDAY
        ).pk,
        # another applicant's claim to a Clayton parcel, waiting for the desk
        "claim": factories.relation(
            who.other,
            factories.unit("clayton-mo", parcel="CLAIMED-1").property,
            "tenant",
            "claimed",
        ).pk,
    }


def _aim(case: schemathesis.Case[Any], world: dict[str, Any]) -> None:
    """Point the ids of valid input at the world's objects (invalid input keeps its own)."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    drawn = (case.path_parameters or {}).get("id")
    if isinstance(drawn, int):
        prefix = next(p for p in TARGETS if case.operation.path.startswith(p))
        case.path_parameters = {**(case.path_parameters or {}), "id": world[TARGETS[prefix]]}
    if isinstance(case.body, dict):
        for field, target in (("unit", "unit"), ("inspector", "inspector")):
            if isinstance(case.body.get(field), int):
                case.body[field] = world[target]


def valid_input_passes_validation(
    ctx: schemathesis.CheckContext, response: Any, case: schemathesis.Case[Any]
) -> bool | None:
    """Schema-valid input is never refused by request validation. It may still be a 422 from
    the rules, for what a schema cannot say (a fact the item does not have, an item the
    jurisdiction does not have): those carry the rules' error types."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code == 422:
        kinds = {error["type"] for error in response.json()["detail"]}
        assert kinds <= set(DOMAIN_422), f"valid input refused by validation: {response.text}"
    else:
        assert response.status_code in (200, 201, 401, 403, 404, 409), response.status_code
    return None


@pytest.mark.usefixtures("wsgi_no_conn_close")
@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_openapi_document(
    case: schemathesis.Case[Any], world: dict[str, Any]
) -> None:
    _aim(case, world)
    case.call_and_validate(
        headers=world["headers"],
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_input_passes_validation],
    )


# Every other caller the API has: the case's applicant, another applicant, the assigned and an
# unassigned inspector, a code official, another jurisdiction's clerk, and nobody signed in.
# Fewer examples each than the clerk's (the same operations, answered mostly 403/404/401).
OTHER_ROLES = [
    "owner",
    "other",
    "inspector",
    "inspector_unassigned",
    "official",
    "clerk_elsewhere",
    "anonymous",
]


@pytest.mark.usefixtures("wsgi_no_conn_close")
@pytest.mark.parametrize("role", OTHER_ROLES)
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_role_gets_answers_the_openapi_document_declares(
    case: schemathesis.Case[Any], world: dict[str, Any], role: str
) -> None:
    _aim(case, world)
    case.call_and_validate(
        headers=world["role_headers"][role],
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_input_passes_validation],
    )
