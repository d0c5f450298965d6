"""Who may download an export, and what a bad request is told."""

from __future__ import annotations

import pytest

from permitdesk.exports.tables import KINDS
from tests.exports.downloads import WHOLE_NOVEMBER, client_of, download
from tests.factories import issued, people

pytestmark = pytest.mark.django_db

# caller -> the status every export answers them for Clayton's records
EXPECTED = {
    "clerk": 200,
    "official": 200,
    "inspector": 403,  # their schedule is their calendar feed
    "inspector_unassigned": 403,
    "owner": 404,  # an applicant: the jurisdiction's records are not theirs
    "other": 404,
    "clerk_elsewhere": 404,  # St. Louis County's clerk
    "anonymous": 401,
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_caller_gets_what_their_role_allows(kind: str) -> None:
    who = people()
    issued(who)
    seen = {name: download(kind, user)[0] for name, user in who.roles().items()}
    assert seen == EXPECTED


def test_the_other_jurisdictions_clerk_gets_their_own_records_not_claytons() -> None:
    who = people()
    issued(who)
    status, body = download("payments", who.clerk_elsewhere, jurisdiction="st-louis-county-mo")
    assert status == 200
    assert body.splitlines()[1:] == []  # St. Louis County has none
    assert download("payments", who.clerk_elsewhere)[1] == "jurisdiction 'clayton-mo' not found"


def test_an_api_token_works_for_scripts() -> None:
    who = people()
    issued(who)
    status, body = download("payments", who.clerk, bearer=True)
    assert status == 200
    assert len(body.splitlines()) == 2
    assert download("payments", who.owner, bearer=True)[0] == 404


def test_an_unknown_jurisdiction_is_not_found() -> None:
    who = people()
    assert download("cases", who.clerk, jurisdiction="atlantis")[0] == 404
    assert download("cases", who.clerk, jurisdiction="clayton-mo\x00")[0] == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": ""}, "from is required: a date such as 2026-11-01"),
        ({"to": ""}, "to is required: a date such as 2026-11-01"),
        ({"from": "2026-13-01"}, "from '2026-13-01' is not a date: write it as YYYY-MM-DD"),
        ({"to": "yesterday"}, "to 'yesterday' is not a date: write it as YYYY-MM-DD"),
        ({"from": "2026-11-30", "to": "2026-11-01"}, "to 2026-11-01 is before from 2026-11-30"),
        ({"jurisdiction": ""}, "jurisdiction is required"),
        (
            {"to": "9999-12-31"},
            "to 9999-12-31 is out of range: it must be between 2000-01-01 and 9998-12-31",
        ),
        ({"from": "0001-01-01"}, "from 0001-01-01 is out of range"),
    ],
)
def test_a_bad_or_missing_parameter_is_400_naming_it(params: dict[str, str], message: str) -> None:
    who = people()
    status, body = download("payments", who.clerk, **params)
    assert status == 400
    assert body.startswith(message)


@pytest.mark.parametrize("kind", KINDS)
def test_a_range_to_year_9999_is_400_before_any_row_not_a_broken_200(kind: str) -> None:
    # It was a 200 whose stream broke off: the day after 9999-12-31 is no date.
    who = people()
    issued(who)
    status, body = download(kind, who.clerk, to="9999-12-31")
    assert (status, body.split(":")[0]) == (400, "to 9999-12-31 is out of range")


def test_dates_are_checked_only_for_who_may_export() -> None:
    who = people()
    assert download("payments", who.owner, **{"from": "bad"})[0] == 404
    assert download("payments", None, **{"from": "bad"})[0] == 401


def test_the_download_is_an_attachment_named_for_its_contents() -> None:
    who = people()
    response = client_of(who.clerk).get("/exports/permits.csv", WHOLE_NOVEMBER)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="clayton-mo-permits-2026-11-01-to-2026-11-30.csv"'
    )
