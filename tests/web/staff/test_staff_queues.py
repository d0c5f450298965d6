"""The clerk's queues of issue 20: inspections today and overdue, failed awaiting
re-inspection, assigned to me; the applicant and days-waiting columns; a whitelisted order."""

from __future__ import annotations

import pytest

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.selectors.queues import MINE, clerk_queue
from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.moments import central
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


def test_the_clerk_assigns_several_inspections_from_the_queue(who: factories.People) -> None:
    _, first = factories.requested(who)
    _, second = factories.requested(who)
    _, third = factories.requested(who)
    clerk = client_of(who.clerk)
    page = clerk.get(f"{QUEUE}ready-to-schedule/").content.decode()
    assert f'name="inspections" value="{first.pk}"' in page
    assert "Assign the selected inspections" in page
    done = clerk.post(
        f"{QUEUE}ready-to-schedule/assign/?sort=newest",
        {"inspections": [first.pk, second.pk], "inspector": who.inspector.pk},
    )
    assert done.status_code == 302
    assert done["Location"] == f"{QUEUE}ready-to-schedule/?sort=newest"
    assigned = {first.pk, second.pk}
    for visit in (first, second, third):
        visit.refresh_from_db()
        assert (visit.inspector == who.inspector) == (visit.pk in assigned)
    after = clerk.get(done["Location"]).content.decode()
    assert "2 inspections assigned to" in after


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"inspector": "{inspector}"}, "Select at least one case to assign."),
        ({"inspections": "999999", "inspector": "{inspector}"}, "Select a valid choice"),
        ({"inspections": "{visit}", "inspector": "{clerk}"}, "Select a valid choice"),
    ],
)
def test_a_bad_bulk_assignment_names_the_field_and_assigns_nothing(
    who: factories.People, body: dict[str, str], words: str
) -> None:
    _, visit = factories.requested(who)
    ids = {"inspector": who.inspector.pk, "visit": visit.pk, "clerk": who.clerk.pk}
    sent = {key: value.format(**ids) for key, value in body.items()}
    refused = client_of(who.clerk).post(f"{QUEUE}ready-to-schedule/assign/", sent)
    assert refused.status_code == 422
    assert words in refused.content.decode()
    visit.refresh_from_db()
    assert visit.inspector is None


def test_the_home_links_the_print_runs_and_the_exports(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-20 09:00"))
    home = client_of(who.clerk).get("/staff/").content.decode()
    assert 'href="/documents/tenant-letters/clayton-mo/2026-11-20.pdf"' in home
    assert (
        'href="/exports/payments.csv?jurisdiction=clayton-mo&amp;from=2026-11-01&amp;to=2026-11-20"'
    ) in home
    assert "from=2026-10-01&amp;to=2026-10-31" in home  # last month
    letters = client_of(who.clerk).get("/documents/tenant-letters/clayton-mo/2026-11-20.pdf")
    assert letters.status_code == 200
    inspector_home = client_of(who.inspector).get("/staff/").content.decode()
    assert "tenant-letters" not in inspector_home
