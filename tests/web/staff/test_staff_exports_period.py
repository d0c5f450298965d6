"""Issue 20: the exports and the tenant-letter print run for any period, from the staff home
(the shortcuts of this month and last month stay). A period that has not happened, runs
backwards or is longer than report_period.MAX_DAYS is refused on its field; never a 500."""

from __future__ import annotations

import pytest

from permitdesk.rules.report_period import MAX_DAYS
from tests import factories
from tests.api.client import Clock
from tests.documents.pdf import page_texts
from tests.factories import paperwork
from tests.moments import central
from tests.web.staff.conftest import client_of

pytestmark = pytest.mark.django_db

PAGE = "/staff/clayton-mo/exports/"


def ask(who: factories.People, **query: str):  # type: ignore[no-untyped-def]
    return client_of(who.clerk).get(PAGE, query)


def test_the_home_links_the_page_and_the_page_offers_this_month(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-20 09:00"))
    home = client_of(who.clerk).get("/staff/").content.decode()
    assert f'href="{PAGE}">Exports and print runs for any period' in home
    page = ask(who)
    assert page.status_code == 200
    form = page.content.decode()
    assert 'value="2026-11-01"' in form
    assert 'value="2026-11-20"' in form


def test_a_csv_for_a_period_goes_to_its_export(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-20 09:00"))
    answer = ask(who, what="payments", first="2026-01-01", last="2026-06-30")
    assert answer.status_code == 302
    assert answer["Location"] == (
        "/exports/payments.csv?jurisdiction=clayton-mo&from=2026-01-01&to=2026-06-30"
    )
    csv = client_of(who.clerk).get(answer["Location"])
    assert csv.status_code == 200
    assert csv["Content-Disposition"].endswith('2026-01-01-to-2026-06-30.csv"')


def test_the_tenant_letters_of_a_period_print_every_permit_issued_in_it(
    who: factories.People, clock: Clock
) -> None:
    permit = paperwork.clayton_permit(who)  # issued November 18
    clock.set(central("2026-11-20 09:00"))
    answer = ask(who, what="tenant-letters", first="2026-11-02", last="2026-11-20")
    assert answer["Location"] == "/documents/tenant-letters/clayton-mo/2026-11-02--2026-11-20.pdf"
    pdf = client_of(who.clerk).get(answer["Location"])
    assert pdf.status_code == 200
    (page,) = page_texts(pdf.content)
    assert f"has issued occupancy permit {permit.number}" in page


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        (
            {"what": "cases", "first": "2026-11-10", "last": "2026-11-01"},
            "last",
            "To 2026-11-01 is before From 2026-11-10",
        ),
        (
            {"what": "cases", "first": "2026-11-01", "last": "2026-11-21"},
            "last",
            "To 2026-11-21 is after today, 2026-11-20",
        ),
        (
            {"what": "cases", "first": "2026-12-01", "last": "2026-12-02"},
            "first",
            "From 2026-12-01 is after today, 2026-11-20.",
        ),
        (
            {"what": "cases", "first": "2025-11-19", "last": "2026-11-20"},
            "last",
            f"The period is 367 days; it may be at most {MAX_DAYS} days",
        ),
        (
            {"what": "cases", "first": "2026-13-01", "last": "2026-11-20"},
            "first",
            "Write From as a date, e.g. 2026-11-01.",
        ),
        ({"what": "cases", "first": "", "last": "2026-11-20"}, "first", "This field is required"),
        (
            {"what": "everything", "first": "2026-11-01", "last": "2026-11-20"},
            "what",
            "Select a valid choice",
        ),
    ],
    ids=[
        "backwards",
        "to-in-the-future",
        "from-in-the-future",
        "too-long",
        "not-a-date",
        "missing",
        "unknown-kind",
    ],
)
def test_a_bad_period_is_refused_on_its_field(
    who: factories.People, clock: Clock, query: dict[str, str], field: str, words: str
) -> None:
    clock.set(central("2026-11-20 09:00"))
    answer = ask(who, **query)
    assert answer.status_code == 422
    page = answer.content.decode()
    assert f'id="id_{field}-error"' in page
    assert words in page


def test_a_year_is_the_longest_period_and_today_the_last_day(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-20 09:00"))
    answer = ask(who, what="cases", first="2025-11-20", last="2026-11-20")  # 366 days
    assert answer.status_code == 302


def test_the_print_run_refuses_a_period_asked_for_directly_that_has_not_happened(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-20 09:00"))
    answer = client_of(who.clerk).get(
        "/documents/tenant-letters/clayton-mo/2026-11-01--2026-12-31.pdf"
    )
    assert answer.status_code == 400
    assert "To 2026-12-31 is after today, 2026-11-20" in answer.content.decode()
