"""The staff's case search: by case number, permit number, parcel or a whole phone number
(exact), and by any part of an address (a street name alone), of a phone number or of a name
(owner, applicant, tenant, occupant, inspection contact). Newest first.

Each kind of match is its own indexed lookup of case ids, and the search reads the cases whose
id is in their UNION: the exact ones over primary, unique and b-tree keys, the "contains" ones
over PostgreSQL trigram indexes (pg_trgm, migration cases.0009_search_indexes; decision record
0010), so a search costs about the same at 10,000 or 500,000 cases. On SQLite the same
lookups scan (a small database). A "contains" match needs CONTAINS_FROM characters: fewer have
no trigram to look up. A whole phone number is matched exactly (every number in a county
shares most of its trigrams with the others: "314", "555"), as typed.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from permitdesk.cases.models import Application, InspectionRequest, Occupant, Permit
from permitdesk.records.models import Party
from permitdesk.records.services import normalized

CONTAINS_FROM = 3  # a trigram index finds nothing shorter
LONGEST_CASE_NUMBER = 18  # digits of the largest bigint
FEW = 2000  # matches read from the indexes; a broader term is walked newest first
WHOLE_PHONE = re.compile(r"[\d\s().+-]*(\d[\s().+-]*){7,}")  # seven digits or more


def matching_cases(jurisdictions: QuerySet[Any, Any], term: str) -> QuerySet[Application]:
    """The cases of `jurisdictions` (a query of their ids) that match `term`, newest first.

    One query first reads up to FEW + 1 matching ids from the indexes (UNION ALL, so the
    database stops there). A term that matches at most FEW cases is answered from those ids.
    A broader one ("Main", "Smith") matches many cases, so the newest are near: the cases are
    then walked newest first, each tested by the same conditions (EXISTS per kind of match),
    until a page (or the capped count) is full, instead of collecting every match."""
    term = term.strip()
    kinds = _kinds(term)
    found = {pk for row in matching_ids(term, kinds)[: FEW + 1] for pk in row.values()}
    cases = Application.objects.filter(jurisdiction_id__in=jurisdictions)
    if len(found) <= FEW:
        cases = cases.filter(pk__in=found)
    else:
        wanted = Q()
        for _, test in kinds:
            wanted |= test
        cases = cases.filter(wanted)
    return cases.select_related("jurisdiction", "unit__property").order_by("-submitted_at", "-id")


Kind = tuple[QuerySet[Any, Any], Q]  # (the matching case ids, the test of one case)


def matching_ids(term: str, kinds: list[Kind] | None = None) -> QuerySet[Any, Any]:
    """The ids of the cases that match `term` (any jurisdiction; UNION ALL of each kind's
    index lookup, so an id may come twice): rows of one column."""
    first, *rest = (ids.order_by() for ids, _ in kinds or _kinds(term.strip()))
    return first.union(*rest, all=True)


def _kinds(term: str) -> list[Kind]:
    """Each kind of match `term` can be: its ids over an index, and its test of one case."""
    kinds: list[Kind] = [
        _by_application(Q(unit__property__parcel_id=term)),
        _by_case(Permit.objects.filter(number=term.upper())),
    ]
    if term.isdigit() and len(term) <= LONGEST_CASE_NUMBER:
        kinds.append(_by_application(Q(pk=int(term))))
    if WHOLE_PHONE.fullmatch(term):
        kinds += _phone(term)
    elif len(term) >= CONTAINS_FROM:
        kinds += _contains(term)
    return kinds


def _by_application(condition: Q) -> Kind:
    return Application.objects.filter(condition).values("pk"), condition


def _by_case(rows: QuerySet[Any, Any]) -> Kind:
    """Rows that name their case in application_id."""
    return rows.values("application_id"), Q(Exists(rows.filter(application_id=OuterRef("pk"))))


def _phone(number: str) -> list[Kind]:
    """A whole phone number: the inspection contacts' and the parties' (b-tree indexes)."""
    return [
        _by_case(InspectionRequest.objects.filter(contact_phone=number)),
        _by_case(Application.parties.through.objects.filter(party__phone=number)),
    ]


def _contains(term: str) -> list[Kind]:
    """The "contains" matches, each one trigram index's lookup."""
    users = get_user_model().objects.filter(
        Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(email__iexact=term)
    )
    parties = Party.objects.filter(Q(name__icontains=term) | Q(phone__contains=term))
    return [
        _by_application(Q(unit__property__normalized_address__contains=normalized(term))),
        _by_case(
            Occupant.objects.filter(Q(last_name__icontains=term) | Q(first_name__icontains=term))
        ),
        _by_case(Application.parties.through.objects.filter(party__in=parties.values("pk"))),
        _by_application(Q(applicant__in=users.values("pk"))),
        _by_case(InspectionRequest.objects.filter(contact_phone__contains=term)),
    ]
