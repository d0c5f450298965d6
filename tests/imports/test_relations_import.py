"""The relations kind: the go-live data's people get their relation to their parcels,
verified by the importing clerk unless the row says claimed; every problem named with its
line and column; a second run verifies a claim and otherwise changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.services import applications
from permitdesk.records.models import Relation
from tests import factories
from tests.imports.conftest import Importer
from tests.writes import writes_nothing

pytestmark = pytest.mark.django_db

HEADER = "jurisdiction,parcel_id,unit_label,person_email,kind,status,evidence\n"


@pytest.fixture
def world(clerk: User) -> dict[str, Any]:
    home = factories.unit("clayton-mo", parcel="P-7")
    return {"home": home, "owner": factories.user("owner"), "agent": factories.user("agent")}


def test_an_imported_owner_may_apply_at_once(
    importer: Importer, world: dict[str, Any], clerk: User
) -> None:
    report = importer(
        "relations",
        HEADER
        + "clayton-mo,P-7,,OWNER@example.test,owner,,deed book 12 p. 3\n"
        + "clayton-mo,P-7,,agent@example.test,managing-agent,claimed,letter of 2026-10-01\n",
    )
    assert (report.created, report.problems, report.written) == (2, [], True)
    owner = Relation.objects.get(person=world["owner"])
    assert (owner.kind, owner.status, owner.decided_by) == ("owner", "verified", clerk)
    case = applications.submit_application(
        actor=world["owner"],
        unit=world["home"],
        fee_item="residential-occupancy",
        trigger="lease",
        now=factories.MONDAY,
    )
    assert case.applicant == world["owner"]
    assert AuditEvent.objects.filter(action="import-relation").count() == 2


def test_a_second_run_verifies_a_claim_and_changes_nothing_else(
    importer: Importer,
    world: dict[str, Any],
) -> None:
    rows = "clayton-mo,P-7,,owner@example.test,owner,,deed\n"
    importer(
        "relations", HEADER + rows + "clayton-mo,P-7,,agent@example.test,managing-agent,claimed,\n"
    )
    again = importer(
        "relations", HEADER + rows + "clayton-mo,P-7,,agent@example.test,managing-agent,,\n"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Relation.objects.get(person=world["agent"]).status == "verified"
    third = importer(
        "relations", HEADER + rows + "clayton-mo,P-7,,agent@example.test,managing-agent,claimed,\n"
    )
    assert (third.created, third.updated, third.unchanged) == (0, 0, 2)


def test_every_problem_is_named_and_nothing_is_written(
    importer: Importer,
    world: dict[str, Any],
) -> None:
    bad = (
        HEADER
        + "clayton-mo,NOPE,,owner@example.test,owner,,\n"
        + "clayton-mo,P-7,,nobody@example.test,owner,,\n"
        + "clayton-mo,P-7,9Z,owner@example.test,tenant,,\n"
        + "clayton-mo,P-7,,owner@example.test,cousin,maybe,\n"
    )
    with writes_nothing():
        report = importer("relations", bad)
    found = [str(p) for p in report.problems]
    assert any(
        "line 2, column parcel_id: no parcel 'NOPE' is recorded in clayton-mo" in p for p in found
    ), found
    assert any("line 3, column person_email: no account has the e-mail" in p for p in found)
    assert any("line 4, column unit_label: parcel 'P-7' has no unit '9Z'" in p for p in found)
    assert any(p.startswith("line 5, column kind:") for p in found)
    assert any(p.startswith("line 5, column status:") for p in found)
