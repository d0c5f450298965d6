"""The clerk's queues of issue 20: inspections today and overdue, failed awaiting
re-inspection, assigned to me; the applicant and days-waiting columns; a whitelisted order."""

from __future__ import annotations

import pytest

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.selectors.queues import MINE, clerk_queue
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.staff import visits
from tests.web.staff.conftest import client_of

pytestmark = pytest.mark.django_db

QUEUE = "/staff/clayton-mo/queues/"


def _ids(who: factories.People, name: str, day: str, me: int | None = None) -> list[int]:
    today = central(f"{day} 09:00").date()
    jid = who.clerk.memberships.get().jurisdiction_id
    return list(clerk_queue(jid, name, today, me=me).values_list("pk", flat=True))


def test_an_inspection_is_due_on_its_day_and_overdue_after_until_recorded(
    who: factories.People,
) -> None:
    booked = visits.visit(who)
    assert _ids(who, "inspections-due", "2026-11-17") == []  # the day before
    assert _ids(who, "inspections-due", "2026-11-18") == [booked.application_id]
    assert _ids(who, "inspections-due", "2026-11-20") == [booked.application_id]  # overdue
    case, _ = factories.failed(who)
    assert booked.application_id in _ids(who, "inspections-due", "2026-11-20")
    assert case.pk not in _ids(who, "inspections-due", "2026-11-20")  # recorded: not due


def test_a_failed_case_waits_for_its_re_inspection(who: factories.People) -> None:
    case, _ = factories.failed(who)
    assert _ids(who, "awaiting-re-inspection", "2026-11-19") == [case.pk]
    assert _ids(who, "ready-to-schedule", "2026-11-19") == []


def test_assigned_to_me_lists_only_the_viewers_pending_inspections(
    who: factories.People,
) -> None:
    mine = visits.visit(who)
    assert _ids(who, MINE, "2026-11-18", me=who.inspector.pk) == [mine.application_id]
    assert _ids(who, MINE, "2026-11-18", me=who.inspector_unassigned.pk) == []
    assert _ids(who, MINE, "2026-11-18", me=who.clerk.pk) == []


def test_the_queue_page_shows_applicant_and_days_waiting(
    who: factories.People, clock: Clock
) -> None:
    who.owner.first_name, who.owner.last_name = "Ada", "Owner"
    who.owner.save()
    booked = visits.visit(who)
    clock.set(central("2026-11-20 09:00"))  # submitted Monday the 16th: four days
    page = client_of(who.clerk).get(f"{QUEUE}inspections-due/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Inspections today and overdue" in text
    assert f"Application {booked.application_id}" in text
    assert "Ada Owner" in text
    assert "4 days" in text


def test_the_queue_sorts_by_a_whitelisted_order_and_refuses_others_by_name(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-20 09:00"))
    first, second = factories.submitted(who), factories.submitted(who)
    clerk = client_of(who.clerk)
    oldest = clerk.get(f"{QUEUE}new/").content.decode()
    assert oldest.index(f"Application {first.pk}<") < oldest.index(f"Application {second.pk}<")
    newest = clerk.get(f"{QUEUE}new/?sort=newest").content.decode()
    assert newest.index(f"Application {second.pk}<") < newest.index(f"Application {first.pk}<")
    assert 'aria-sort="descending"' in newest
    refused = clerk.get(f"{QUEUE}new/?sort=id;drop")
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "Order: Select a valid choice" in text
    assert f"Application {first.pk}<" in text  # still listed, oldest first


def test_the_home_shows_assigned_to_me_only_to_staff_who_also_inspect(
    who: factories.People,
) -> None:
    visits.visit(who)
    assert "Assigned to me" not in client_of(who.clerk).get("/staff/").content.decode()
    Membership.objects.create(
        user=who.official,
        jurisdiction=who.clerk.memberships.get().jurisdiction,
        role=Role.INSPECTOR,
    )
    home = client_of(who.official).get("/staff/").content.decode()
    assert "Assigned to me" in home
    assert f"{QUEUE}{MINE}/" in home
    assert client_of(who.official).get(f"{QUEUE}{MINE}/").status_code == 200


def test_an_unknown_queue_is_not_found(who: factories.People) -> None:
    assert client_of(who.clerk).get(f"{QUEUE}everything/").status_code == 404
