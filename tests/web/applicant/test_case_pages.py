"""A case's pages for its applicant: what is owed and how to pay, receipts, the inspection
request on the allowed days only, violations with their citation and photo, occupants, the
permit, the timeline; another applicant's case is 404 on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Inspection, Occupant
from permitdesk.cases.services import applications, occupants, permits
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import first_inspection_day, is_business_day
from permitdesk.web.applicant.inspections import inspection_days
from tests import factories
from tests.factories.photos import PNG
from tests.factories.recent import approved, failed, first_day, paid, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client: Client) -> User:
    person = factories.user("owner")
    client.force_login(person)
    return person


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_another_applicants_case_is_not_found_on_every_page(
    client: Client, owner: User, media: Path
) -> None:
    crew = factories.staff("village-ord-08-457")
    theirs = paid(submitted(factories.user("someone-else"), "village-ord-08-457"), crew["clerk"])
    violation = failed(theirs, crew, with_photo=True).violations.get()
    base = f"/cases/{theirs.pk}"
    for url in ("/", "/inspection/", "/occupants/", f"/violations/{violation.pk}/photo/"):
        assert client.get(base + url).status_code == 404, url
    posted = {"first_name": "Eve", "last_name": "E", "age": "30", "relationship": "head"}
    assert client.post(f"{base}/occupants/", posted).status_code == 404
    day = first_day(theirs).isoformat()
    wanted = {"wanted_on": day, "window": "am", "contact_name": "E", "contact_phone": "3145550100"}
    assert client.post(f"{base}/inspection/", wanted).status_code == 404
    assert not Occupant.objects.exists()
    assert Inspection.objects.filter(application=theirs).count() == 1


def test_the_case_page_shows_what_is_owed_how_to_pay_then_the_receipt(
    client: Client, owner: User
) -> None:
    case = submitted(owner, "clayton-mo")
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Balance due" in html
    assert "$80.00" in html
    assert "Visa, Mastercard, Discover, cash (exact amount only), check" in html
    assert "We accept Visa, Mastercard and Discover" in html  # the citation
    paid(case, factories.staff("clayton-mo")[Role.CLERK])
    payment = case.payments.get()
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/documents/receipts/{payment.pk}.pdf"' in html
    assert f"Receipt {payment.receipt_number}" in html
    assert "Payment of $80.00 by check received." in html
    assert "Pay the" not in html


def test_the_inspection_days_are_only_those_the_rules_allow(client: Client, owner: User) -> None:
    case = submitted(owner, "clayton-mo")
    pack, now = get_pack("clayton-mo"), timezone.now()
    days = inspection_days(pack, case, now)
    first = first_inspection_day(pack, now, case.processed_at)
    assert days[0] == first
    assert all(is_business_day(pack, d) and d >= first for d in days)
    response = client.get(f"/cases/{case.pk}/inspection/")
    offered = [value for value, _ in response.context["form"].fields["wanted_on"].choices][1:]
    assert offered == [d.isoformat() for d in days]
    saturday = next(
        d for d in (days[0] + timezone.timedelta(n) for n in range(7)) if d.weekday() == 5
    )
    wanted = {
        "wanted_on": saturday.isoformat(),
        "window": "pm",
        "contact_name": "Olive",
        "contact_phone": "(314) 555-0100",
    }
    response = client.post(f"/cases/{case.pk}/inspection/", wanted)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_wanted_on-error"' in html
    assert "not a day the inspection can be placed on" in html
    assert 'value="(314) 555-0100"' in html
    assert not Inspection.objects.exists()
    response = client.post(
        f"/cases/{case.pk}/inspection/", {**wanted, "wanted_on": days[1].isoformat()}
    )
    assert response.status_code == 302
    visit = Inspection.objects.get()
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"Inspection: {days[1]:%A, %B %-d, %Y}, PM." in page
    assert (visit.scheduled_on, visit.window, visit.request.contact_phone) == (
        days[1],
        "pm",
        "(314) 555-0100",
    )


def test_the_inspection_form_names_its_missing_fields(client: Client, owner: User) -> None:
    case = submitted(owner, "clayton-mo")
    response = client.post(f"/cases/{case.pk}/inspection/", {"contact_phone": "x"})
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {
        "wanted_on",
        "window",
        "contact_name",
        "contact_phone",
    }


def test_the_village_wants_the_fee_before_the_inspection(client: Client, owner: User) -> None:
    case = submitted(owner, "village-ord-08-457")
    response = client.get(f"/cases/{case.pk}/inspection/")
    html = response.content.decode()
    assert "the fee must be paid before the inspection" in html.lower()
    assert "<select" not in html
    day = first_day(case).isoformat()
    wanted = {"wanted_on": day, "window": "am", "contact_name": "O", "contact_phone": "3145550100"}
    assert client.post(f"/cases/{case.pk}/inspection/", wanted).status_code == 422
    assert not Inspection.objects.exists()


def test_violations_show_their_citation_and_photo_and_the_reinspection_is_offered(
    client: Client, owner: User, media: Path
) -> None:
    crew = factories.staff("village-ord-08-457")
    case = paid(submitted(owner, "village-ord-08-457"), crew[Role.CLERK])
    violation = failed(case, crew, with_photo=True).violations.get()
    html = client.get(f"/cases/{case.pk}/").content.decode()
    photo = f"/cases/{case.pk}/violations/{violation.pk}/photo/"
    assert "Gutters detached" in html
    assert "(PM 304.7)" in html
    assert "Re-attach the gutters" in html
    assert f'src="{photo}"' in html
    assert 'alt="Photo of the violation: Gutters detached"' in html
    assert "Request the re-inspection" in html
    assert "The inspection failed with 1 violation." in html
    response = client.get(photo)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    again = client.get(f"/cases/{case.pk}/inspection/").content.decode()
    assert "<h1>Request the re-inspection</h1>" in again


def test_occupant_age_and_relationship_are_required_where_the_permit_states_them(
    client: Client, owner: User
) -> None:
    case = submitted(owner, "village-ord-08-457")
    response = client.post(
        f"/cases/{case.pk}/occupants/", {"first_name": "Kid", "last_name": "Doe"}
    )
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"age", "relationship"}
    html = response.content.decode()
    assert 'value="Kid"' in html
    assert "states each occupant" in html
    assert not Occupant.objects.exists()
    response = client.post(
        f"/cases/{case.pk}/occupants/",
        {"first_name": "Kid", "last_name": "Doe", "age": "7", "relationship": "child"},
    )
    assert response.status_code == 302
    assert Occupant.objects.get().age == 7


def test_clayton_takes_an_occupant_without_age(client: Client, owner: User) -> None:
    case = submitted(owner, "clayton-mo")
    response = client.post(
        f"/cases/{case.pk}/occupants/", {"first_name": "Ann", "last_name": "Lee", "age": "-1"}
    )
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"age"}
    response = client.post(
        f"/cases/{case.pk}/occupants/", {"first_name": "Ann", "last_name": "Lee"}
    )
    assert response.status_code == 302
    assert Occupant.objects.get().relationship == ""


@pytest.mark.parametrize(
    ("slug", "label", "rule"),
    [
        ("st-louis-county-mo", "Occupants' names due", "(120 days)"),
        ("clayton-mo", "Approved inspection valid through", "(90 days)"),
    ],
)
def test_the_timeline_says_what_is_next_and_by_when(
    client: Client, owner: User, slug: str, label: str, rule: str
) -> None:
    crew = factories.staff(slug)
    case = submitted(owner, slug)
    if slug == "clayton-mo":
        paid(case, crew[Role.CLERK])
    approved(case, crew)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert escape(label) in html
    assert rule in html
    assert "The inspection passed: the unit is approved." in html
    assert "Name every occupant" in html


def test_the_issued_permit_is_offered_for_download(client: Client, owner: User) -> None:
    crew = factories.staff("clayton-mo")
    case = paid(submitted(owner, "clayton-mo"), crew[Role.CLERK])
    approved(case, crew)
    occupants.add_occupant(
        actor=owner, application=case, first_name="Ann", last_name="Lee", now=timezone.now()
    )
    permit = permits.issue_permit(actor=crew[Role.CLERK], application=case, now=timezone.now())
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/documents/permits/{permit.pk}.pdf"' in html
    assert f"Download permit {permit.number} (PDF)" in html


def test_a_conditional_permit_shows_when_the_repairs_are_due(client: Client, owner: User) -> None:
    crew = factories.staff("village-ord-08-457")
    case = paid(submitted(owner, "village-ord-08-457"), crew[Role.CLERK])
    failed(case, crew)
    due = timezone.localdate() + timezone.timedelta(days=30)
    permit = permits.issue_conditional_permit(
        actor=crew[Role.CODE_OFFICIAL],
        application=case,
        correction_due_on=due,
        owner_statement="The gutters will be re-attached.",
        now=timezone.now(),
    )
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"Download permit {permit.number} (PDF)" in html
    assert f"repairs due by {due:%B %-d, %Y}" in html
    assert "Complete the repairs by the date on the conditional permit" in html
    assert "Request the re-inspection" in html


@pytest.mark.parametrize("slug", ["clayton-mo", "st-louis-county-mo"])
def test_the_case_page_and_the_request_form_agree_on_the_first_day_and_say_why(
    client: Client, owner: User, slug: str
) -> None:
    case = submitted(owner, slug)
    if slug == "clayton-mo":
        paid(case, factories.staff(slug)[Role.CLERK])
    days = inspection_days(get_pack(slug), case, timezone.now())
    form = client.get(f"/cases/{case.pk}/inspection/").content.decode()
    assert f"Why the first day is {days[0]:%A, %B %-d}" in form
    assert f"So the first day offered is {days[0]:%A, %B %-d}." in form
    if slug == "clayton-mo":
        assert "Requests made before 4:00 PM go on the schedule for the next business day" in form
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert "First day an inspection requested now can be placed on" in page
        assert f"{days[0]:%A, %B %-d, %Y}" in page


def test_st_louis_county_says_who_may_pay(client: Client, owner: User) -> None:
    case = submitted(owner, "st-louis-county-mo")
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "The fee may be paid by the seller, buyer or representative." in html


@pytest.mark.parametrize("posted", [{}, {"first_name": "Ann", "last_name": "Lee"}])
def test_an_occupant_posted_to_an_ended_case_is_refused_with_a_message(
    client: Client, owner: User, posted: dict[str, str]
) -> None:
    case = submitted(owner, "clayton-mo")
    applications.withdraw_application(actor=owner, application=case, now=timezone.now())
    response = client.post(f"/cases/{case.pk}/occupants/", posted)
    assert response.status_code == 422
    assert "Occupants cannot be added to a case that is withdrawn." in response.content.decode()
    assert not Occupant.objects.exists()
