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
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from permitdesk.cases.models import Application, InspectionRequest, Occupant, Permit
from permitdesk.cases.selectors.counts import CAP, Capped
from permitdesk.records.models import Party, normalized

CONTAINS_FROM = 3  # a trigram index finds nothing shorter
LONGEST_CASE_NUMBER = 18  # digits of the largest bigint
FEW = 8 * CAP  # ids read from the indexes; a case matches at most 8 kinds, so more rows
# than this are more than CAP cases. A broader term is walked newest first.
WHOLE_PHONE = re.compile(r"[\d\s().+-]*(\d[\s().+-]*){7,}")  # seven digits or more


@dataclass(frozen=True)
class Found:
    cases: QuerySet[Application]
    count: Capped  # known from the indexes' read: a list of them counts nothing again

    @property
    def broad(self) -> bool:
        return self.count.more


def matching_cases(jurisdictions: QuerySet[Any, Any], term: str) -> Found:
    """The cases of `jurisdictions` (a query of their ids) that match `term`, newest first.

    One query first reads up to FEW + 1 matching ids of those jurisdictions from the indexes
    (UNION ALL, so the database stops there). A term that matches at most FEW is answered
    from the same lookups (a subquery). A broader one ("Main", "Smith") matches many cases, so
    the newest are near: the cases are walked newest first, each tested by the same conditions
    (EXISTS per kind of match), until the page is full, instead of collecting every match.
    Either way the count (capped) is known from the ids read: two queries at any size."""
    term = term.strip()
    kinds = _kinds(term, jurisdictions)
    ids = matching_ids(term, jurisdictions, kinds)
    rows = list(ids[: FEW + 1])
    found = {pk for row in rows for pk in row.values()}
    broad = len(rows) > FEW  # then more than CAP distinct cases: see FEW
    cases = Application.objects.filter(jurisdiction_id__in=jurisdictions)
    if broad:
        wanted = Q()
        for _, test in kinds:
            wanted |= test
        cases = cases.filter(wanted)
    else:
        cases = cases.filter(pk__in=ids)
    ordered = cases.select_related("jurisdiction", "unit__property")
    count = Capped(CAP, True) if broad else Capped.of(len(found), CAP)
    return Found(ordered.order_by("-submitted_at", "-id"), count)


Kind = tuple[QuerySet[Any, Any], Q]  # (the matching case ids, the test of one case)


def matching_ids(
    term: str, jurisdictions: QuerySet[Any, Any] | None = None, kinds: list[Kind] | None = None
) -> QuerySet[Any, Any]:
    """The ids of the cases (of `jurisdictions`, or any) that match `term`: UNION ALL of each
    kind's index lookup (so an id may come twice), rows of one column."""
    first, *rest = (ids.order_by() for ids, _ in kinds or _kinds(term.strip(), jurisdictions))
    return first.union(*rest, all=True)


def _kinds(term: str, jurisdictions: QuerySet[Any, Any] | None) -> list[Kind]:
    """Each kind of match `term` can be: its ids over an index, and its test of one case."""
    conditions = [Q(unit__property__parcel_id=term)]
    rows = [Permit.objects.filter(number=term.upper())]
    if term.isdigit() and len(term) <= LONGEST_CASE_NUMBER:
        conditions.append(Q(pk=int(term)))
    if WHOLE_PHONE.fullmatch(term):
        rows += _phone(term)
    elif len(term) >= CONTAINS_FROM:
        more, rows_more = _contains(term)
        conditions += more
        rows += rows_more
    within = Q() if jurisdictions is None else Q(jurisdiction_id__in=jurisdictions)
    kinds: list[Kind] = [
        (Application.objects.filter(c, within).values("pk"), c) for c in conditions
    ]
    for found in rows:  # rows that name their case in application_id
        if jurisdictions is not None:
            found = found.filter(application__jurisdiction_id__in=jurisdictions)
        test = Q(Exists(found.filter(application_id=OuterRef("pk"))))
        kinds.append((found.values("application_id"), test))
    return kinds


def _phone(number: str) -> list[QuerySet[Any, Any]]:
    """A whole phone number: the inspection contacts' and the parties' (b-tree indexes)."""
    return [
        InspectionRequest.objects.filter(contact_phone=number),
        Application.parties.through.objects.filter(party__phone=number),
    ]


def _contains(term: str) -> tuple[list[Q], list[QuerySet[Any, Any]]]:
    """The "contains" matches, each one trigram index's lookup: conditions on the case, and
    rows that name their case."""
    users = get_user_model().objects.filter(
        Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(email__iexact=term)
    )
    parties = Party.objects.filter(Q(name__icontains=term) | Q(phone__contains=term))
    return [
        Q(unit__property__normalized_address__contains=normalized(term)),
        Q(applicant__in=users.values("pk")),
    ], [
        Occupant.objects.filter(Q(last_name__icontains=term) | Q(first_name__icontains=term)),
        Application.parties.through.objects.filter(party__in=parties.values("pk")),
        InspectionRequest.objects.filter(contact_phone__contains=term),
    ]
