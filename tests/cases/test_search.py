"""cases.search: each kind of search finds its case and not the others, on SQLite and on
PostgreSQL (where each "contains" lookup is served by a trigram index: the last test)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import QuerySet

from permitdesk.accounts.models import Membership
from permitdesk.cases import search
from permitdesk.cases.models import Application, Occupant
from permitdesk.cases.postgres_indexes import SEARCH_INDEXES
from permitdesk.cases.search import matching_cases
from permitdesk.cases.selectors.counts import Capped
from permitdesk.cases.services import inspections, occupants
from permitdesk.records.models import Party
from tests import factories
from tests.factories import anywhere

Cases = dict[str, Application]


def found(who: factories.People, term: str, user: User | None = None) -> set[int]:
    desks = Membership.objects.filter(user_id=(user or who.clerk).pk)
    return set(
        matching_cases(desks.values("jurisdiction_id"), term).cases.values_list("pk", flat=True)
    )


@pytest.fixture(autouse=True, params=["few", "many"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test twice: answered from the ids the indexes gave, and as a broad term is (the
    cases walked newest first, each tested), as if every match were one too many."""
    if request.param == "many":
        monkeypatch.setattr(search, "FEW", 0)
        monkeypatch.setattr(search, "CAP", 0)
    return str(request.param)


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people()


@pytest.fixture
def cases(who: factories.People) -> Cases:
    """An issued case (occupant Ada Tenant), and a submitted one whose inspection contact has
    a phone and whose tenant party is Grace Hopper, 314-555-0199."""
    issued = factories.issued(who).application
    other = factories.submitted(who)
    inspections.request_inspection(
        actor=who.owner,
        application=other,
        wanted_on=factories.WEDNESDAY,
        window="am",
        contact_name="Pat Caller",
        contact_phone="314-555-0142",
        now=factories.MONDAY,
    )
    other.parties.add(
        Party.objects.create(kind="tenant", name="Grace Hopper", phone="314-555-0199")
    )
    User.objects.filter(pk=who.owner.pk).update(first_name="Mildred", last_name="Okonkwo")
    return {"issued": issued, "other": other}


OTHERS_DIGITS = ("314-555-0142", "314-555-0199")  # the phones of the "other" case


@pytest.mark.django_db
def test_a_case_number_finds_that_case_only(who: factories.People, cases: Cases) -> None:
    """The number finds its case, and not the other case by its number. The numbers are the
    database's: where its sequence has gone on, "555" is also part of the other case's
    phones, and finds that case as that."""
    other, issued = cases["other"].pk, cases["issued"].pk

    def in_phones(number: int) -> set[int]:
        term = str(number)  # a part of a phone needs search.CONTAINS_FROM digits
        part = len(term) >= search.CONTAINS_FROM and any(term in p for p in OTHERS_DIGITS)
        return {other} if part else set()

    assert found(who, str(other)) == {other}
    assert found(who, f" {issued} ") == {issued} | in_phones(issued)


@pytest.mark.django_db
def test_a_street_name_alone_finds_the_cases_on_it(who: factories.People, cases: Cases) -> None:
    both = {cases["issued"].pk, cases["other"].pk}
    assert found(who, "Central") == both  # 10 N Central Ave
    assert found(who, "n central ave") == both
    assert found(who, "Wydown") == set()


@pytest.mark.django_db
def test_a_phone_finds_the_contact_and_the_party(who: factories.People, cases: Cases) -> None:
    assert found(who, "314-555-0142") == {cases["other"].pk}  # the inspection contact
    assert found(who, "314-555-0199") == {cases["other"].pk}  # the tenant party
    assert found(who, "5-0199") == {cases["other"].pk}  # part of a number
    assert found(who, "-0142") == {cases["other"].pk}
    assert found(who, "314-555-0000") == set()


@pytest.mark.django_db
def test_part_of_a_name_finds_occupants_parties_and_applicants(
    who: factories.People, cases: Cases
) -> None:
    assert found(who, "enan") == {cases["issued"].pk}  # occupant Ada Tenant
    assert found(who, "HOPP") == {cases["other"].pk}  # party Grace Hopper
    both = {cases["issued"].pk, cases["other"].pk}
    assert found(who, "konk") == both  # the applicant, Mildred Okonkwo
    assert found(who, "mildr") == both
    assert found(who, "owner@example.test") == both  # the applicant's e-mail, in full


@pytest.mark.django_db
def test_permit_numbers_and_parcels_are_matched_in_full(
    who: factories.People, cases: Cases
) -> None:
    permit = cases["issued"].permits.get()
    assert found(who, permit.number.lower()) == {cases["issued"].pk}
    parcel = cases["other"].unit.property.parcel_id
    assert found(who, parcel) == {cases["other"].pk}


@pytest.mark.django_db
def test_short_terms_match_only_in_full(who: factories.People, cases: Cases) -> None:
    """Under three characters there is no trigram: "Ok" finds no Okonkwo, a number its case."""
    assert found(who, "Ok") == set()
    assert found(who, "Te") == set()


@pytest.mark.django_db
def test_only_the_users_jurisdictions_are_searched(who: factories.People, cases: Cases) -> None:
    assert found(who, "Central", who.clerk_elsewhere) == set()
    assert found(who, str(cases["other"].pk), who.clerk_elsewhere) == set()


@pytest.mark.django_db
def test_the_address_and_parcel_probes_keep_to_the_users_properties(
    who: factories.People, cases: Cases
) -> None:
    """A street name is in every jurisdiction: the probe keeps to the properties of the
    user's jurisdictions before joining their cases (and still finds the user's cases)."""
    desks = Membership.objects.filter(user_id=who.clerk.pk).values("jurisdiction_id")
    sql = str(search.matching_ids("Central", desks).query)
    assert sql.count('"records_property"."jurisdiction_id" IN') == 2, sql  # parcel, address
    assert found(who, "Central") == {cases["issued"].pk, cases["other"].pk}


@pytest.mark.django_db
def test_an_occupant_is_found_by_its_own_jurisdiction(who: factories.People, cases: Cases) -> None:
    """The occupant probe keeps to the occupants of the user's jurisdictions by the occupant's
    own column (cases.search: so PostgreSQL filters the trigram match as it reads and stops at
    the cap), and finds the same cases as through their case: the county's clerk finds its
    own tenant Ada and not Clayton's, Clayton's clerk the other way round."""
    theirs = anywhere.file_case("st-louis-county-mo", who.owner)
    occupants.add_occupant(
        actor=who.owner, application=theirs, first_name="Ada", last_name="Tenant",
        now=factories.MONDAY,
    )  # fmt: skip
    assert found(who, "enan") == {cases["issued"].pk}
    assert found(who, "enan", who.clerk_elsewhere) == {theirs.pk}
    desks = Membership.objects.filter(user_id=who.clerk.pk).values("jurisdiction_id")
    sql = str(search.matching_ids("enan", desks).query)
    assert '"cases_occupant"."jurisdiction_id" IN' in sql, sql


@pytest.mark.django_db
def test_a_walked_case_tests_its_own_occupants(who: factories.People, cases: Cases) -> None:
    """A broad term walks the cases, each tested by EXISTS per kind. The occupant's is
    correlated by a range (>= and <= the one case), which PostgreSQL cannot turn into a hashed
    subplan of every matching occupant (docs/benchmarks-pages.md: 128 ms for "Mart" at
    500,000 cases): one probe of the case's occupants per case walked. The others keep the
    equality (few rows, or a list of people, hash well)."""
    desks = Membership.objects.filter(user_id=who.clerk.pk).values("jurisdiction_id")
    walked = {
        kind.ids.model: str(Application.objects.filter(kind.test).query)
        for kind in search._kinds("enan", desks)
        if kind.ids.model is not Application
    }
    theirs = walked.pop(Occupant)
    assert re.search(r'"application_id" >= \(?"cases_application"\."id"', theirs), theirs
    assert re.search(r'"application_id" <= \(?"cases_application"\."id"', theirs), theirs
    assert walked, "the other kinds of rows"
    for sql in walked.values():
        assert re.search(r'"application_id" = \(?"cases_application"\."id"', sql), sql


@pytest.mark.django_db
def test_a_street_with_more_cases_than_the_cap_is_broad_at_once(
    who: factories.People, cases: Cases, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address's lookup gives each case once, so CAP + 1 of its rows make the term broad
    however few rows the probe read in all (PostgreSQL stops reading it there): the cases are
    then walked, and the same ones found, newest first."""
    monkeypatch.setattr(search, "CAP", 1)
    monkeypatch.setattr(search, "FEW", 1000)
    desks = Membership.objects.filter(user_id=who.clerk.pk).values("jurisdiction_id")
    street = matching_cases(desks, "Central")
    assert street.broad
    both = Application.objects.filter(pk__in=[c.pk for c in cases.values()])
    newest_first = list(both.order_by("-submitted_at", "-id").values_list("pk", flat=True))
    assert list(street.cases.values_list("pk", flat=True)) == newest_first
    assert not matching_cases(desks, "enan").broad  # one occupant's case: not over the cap


@pytest.mark.django_db
def test_jurisdictions_as_ids_find_what_their_query_finds(
    who: factories.People, cases: Cases
) -> None:
    """The staff page names the jurisdictions as values (read with the user's roles); the
    same cases are found, in the same order, as with a query of them."""
    query = Membership.objects.filter(user_id=who.clerk.pk).values("jurisdiction_id")
    ids = list(query.values_list("jurisdiction_id", flat=True))
    for term in ("Central", "enan", "HOPP", "konk", "314-555-0142", "5-0199", "Wydown"):
        by_query, by_ids = matching_cases(query, term), matching_cases(ids, term)
        assert list(by_ids.cases) == list(by_query.cases), term
        assert by_ids.count == by_query.count, term


@pytest.mark.django_db
def test_each_contains_lookup_has_its_index_on_postgresql(
    who: factories.People, cases: Cases
) -> None:
    """On PostgreSQL each trigram index exists and the search's own lookup can use it (the
    planner told not to scan, so it says whether an index fits the expression); SQLite
    has none of them."""
    with connection.cursor() as cursor:
        names: set[str] = set()
        for table in connection.introspection.table_names(cursor):
            names |= set(connection.introspection.get_constraints(cursor, table))
    wanted = {index.name for _, index in SEARCH_INDEXES}
    if connection.vendor != "postgresql":
        assert not wanted & names
        return
    assert wanted <= names
    plan = explained(search.matching_ids("Okonkwo")) + explained(search.matching_ids("5-01"))
    for name in (
        "property_address_trgm",
        "occupant_last_trgm",
        "occupant_first_trgm",
        "user_last_trgm",
        "user_first_trgm",
        "party_name_trgm",
        "user_email_upper",
        "party_phone_trgm",
        "request_phone_trgm",
    ):
        assert name in plan, f"{name} not used:\n{plan}"
    whole = explained(search.matching_ids("314-555-0142"))
    assert re.search(r"on request_contact_phone\b", whole), whole
    assert re.search(r"on party_phone\b", whole), whole


def explained(cases: QuerySet[Any, Any]) -> str:
    """PostgreSQL's plan for `cases`, told not to scan a table nor walk a whole index (so it
    says whether an index lookup fits each condition)."""
    sql, params = cases.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_a_broad_term_is_said_to_be_broad(who: factories.People, cases: Cases, path: str) -> None:
    """More matches than the indexes' read (FEW) and the cap: counted as "CAP+" unread."""
    desks = Membership.objects.filter(user_id=who.clerk.pk).values("jurisdiction_id")
    assert matching_cases(desks, "Central").broad == (path == "many")
    assert not matching_cases(desks, "Wydown").broad
    assert matching_cases(desks, "Wydown").count == Capped(0, False)
    if path == "few":  # the count is the distinct ids read, whatever kinds they matched by
        assert matching_cases(desks, "Central").count == Capped(2, False)
