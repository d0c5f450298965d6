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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Value

from permitdesk.cases.models import Application, InspectionRequest, Occupant, Permit
from permitdesk.cases.selectors.counts import CAP, Capped
from permitdesk.records.models import Party, Unit, normalized

Places = QuerySet[Any, Any] | Sequence[int]  # jurisdictions: their ids, or a query of them
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


def matching_cases(jurisdictions: Places, term: str) -> Found:
    """The cases of `jurisdictions` (their ids, or a query of them) that match `term`, newest
    first. Given as values, a single jurisdiction's cases are walked by its own index.

    One query first reads up to FEW + 1 matching ids of those jurisdictions from the indexes
    (UNION ALL, so the database stops there), each tagged with its kind of match. A term
    that matches at most FEW is answered from the same lookups (a subquery). A broader one
    ("Main", "Smith") matches many cases, so the newest are near: the cases are walked newest
    first, each tested by the same conditions (EXISTS per kind of match), until the page is
    full, instead of collecting every match. A kind that stops early (Kind.stops) is broad
    as soon as it gives CAP + 1 rows, each a case of its own. Either way the count (capped)
    is known from the ids read: two queries at any size."""
    term = term.strip()
    kinds = _kinds(term, jurisdictions)
    rows = list(_tagged(kinds)[: FEW + 1])
    found = {pk for pk, _ in rows}
    per_kind = Counter(kind for _, kind in rows)
    stopped = any(kind.stops and per_kind[n] > CAP for n, kind in enumerate(kinds))
    broad = len(rows) > FEW or stopped  # either way more than CAP distinct cases: see FEW
    cases = Application.objects.filter(jurisdiction_id__in=jurisdictions)
    if broad:
        wanted = Q()
        for kind in kinds:
            wanted |= kind.test
        cases = cases.filter(wanted)
    else:
        cases = cases.filter(pk__in=matching_ids(term, jurisdictions, kinds))
    ordered = cases.select_related("jurisdiction", "unit__property")
    count = Capped(CAP, True) if broad else Capped.of(len(found), CAP)
    return Found(ordered.order_by("-submitted_at", "-id"), count)


@dataclass(frozen=True)
class Kind:
    """One kind of match: the matching case ids over an index, and the test of one case.

    `stops`: its rows are cases, each once, reached through other tables (a property's units,
    then their cases), so its lookup is read no further than CAP + 1 rows, which are enough
    to call the term broad. A street name alone ("Hanley": 4,001 cases through 1,500 units at
    500,000 cases) then costs the probe 501 rows, not 4,001 (docs/benchmarks-pages.md). The
    other kinds cost an index entry a row, or may name a case more than once (occupants)."""

    ids: QuerySet[Any, Any]
    test: Q
    stops: bool = False

    def lookup(self, tag: int | None = None) -> QuerySet[Any, Any]:
        """Its ids (with `tag` beside each, if given), as far as it reads."""
        ids = self.ids.order_by()
        if tag is not None:
            (column,) = ids.query.values_select
            kind = Value(tag, output_field=IntegerField())
            ids = ids.annotate(probe_kind=kind).values_list(column, "probe_kind")
        # SQLite takes no LIMIT inside a UNION: there it reads the kind whole.
        slices = connections[ids.db].features.supports_slicing_ordering_in_compound
        return ids[: CAP + 1] if self.stops and slices else ids


def matching_ids(
    term: str, jurisdictions: Places | None = None, kinds: list[Kind] | None = None
) -> QuerySet[Any, Any]:
    """The ids of the cases (of `jurisdictions`, or any) that match `term`: UNION ALL of each
    kind's index lookup (so an id may come twice), rows of one column. Complete when no kind
    that stops early gave CAP + 1 rows (matching_cases walks the cases otherwise)."""
    first, *rest = (kind.lookup() for kind in kinds or _kinds(term.strip(), jurisdictions))
    return first.union(*rest, all=True)


def _tagged(kinds: list[Kind]) -> QuerySet[Any, Any]:
    """matching_ids with each row's kind (its place in `kinds`): rows (id, kind)."""
    first, *rest = (kind.lookup(tag=n) for n, kind in enumerate(kinds))
    return first.union(*rest, all=True)


def _kinds(term: str, jurisdictions: Places | None) -> list[Kind]:
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
    kinds = [
        Kind(
            Application.objects.filter(c, within, _property_within(c, jurisdictions)).values("pk"),
            _units_test(c, jurisdictions) if _on_property(c) else c,
            stops=_on_property(c),
        )
        for c in conditions
    ]
    for found in rows:  # rows that name their case in application_id
        if jurisdictions is not None:
            found = found.filter(_row_within(found, jurisdictions))
        kinds.append(Kind(found.values("application_id"), _test(found)))
    return kinds


def _row_within(rows: QuerySet[Any, Any], jurisdictions: Places) -> Q:
    """Rows of the user's jurisdictions: an occupant knows its case's jurisdiction (so the
    trigram match is filtered as the rows are read, and the probe stops at its cap); the
    others through their case."""
    if rows.model is Occupant:
        return Q(jurisdiction_id__in=jurisdictions)
    return Q(application__jurisdiction_id__in=jurisdictions)


def _test(rows: QuerySet[Any, Any]) -> Q:
    """The test of one case: EXISTS one of `rows` naming it.

    PostgreSQL may run an EXISTS correlated by an equality as a hashed subplan: the whole
    match read once into a hash, the right choice when it is a few rows. It counts the calls
    as if the walk (matching_cases) tested every case of the jurisdiction, not the few hundred
    it tests before its page is full, so it hashes the occupants' match too, which for a
    common part of a name is tens of thousands of rows ("Mart": 17,763 of Clayton's, 128 ms;
    docs/benchmarks-pages.md). Correlated by a range (>= and <=, the same one case) it cannot
    be hashed, and is a probe of the occupant's case index per case walked (a case names a
    few occupants). The other kinds match few rows per term, or hash a list of people."""
    if rows.model is Occupant:
        one_case = Q(application_id__gte=OuterRef("pk"), application_id__lte=OuterRef("pk"))
        return Q(Exists(rows.filter(one_case)))
    return Q(Exists(rows.filter(application_id=OuterRef("pk"))))


def _property_within(condition: Q, jurisdictions: Places | None) -> Q:
    """For a condition on the case's property (parcel, address): the property in the same
    jurisdictions too. A case's jurisdiction is its property's (cases.services.applications),
    so this finds the same cases, but PostgreSQL can then look the parcel up in
    one_parcel_per_jurisdiction and keep only the properties of those jurisdictions before
    it joins their units and cases, rather than join every matching address of the county
    (a street name is in every jurisdiction)."""
    if jurisdictions is None or not _on_property(condition):
        return Q()
    return Q(unit__property__jurisdiction_id__in=jurisdictions)


def _units_test(condition: Q, jurisdictions: Places | None) -> Q:
    """The test of one case for a condition on its property: its unit is one of the units of
    the matching properties (of `jurisdictions`), a list PostgreSQL reads once and hashes. A
    walk of the cases (matching_cases) then tests each case by its own row, and joins a unit
    and a property only to the cases it shows, not to every case it passes."""
    pairs = [child for child in condition.children if isinstance(child, tuple)]
    on_unit = Q(*((key.removeprefix("unit__"), value) for key, value in pairs))
    units = Unit.objects.filter(on_unit)
    if jurisdictions is not None:
        units = units.filter(property__jurisdiction_id__in=jurisdictions)
    return Q(unit_id__in=units.values("pk"))


def _on_property(condition: Q) -> bool:
    """A condition on the case's property (parcel, address)."""
    return any(
        isinstance(child, tuple) and child[0].startswith("unit__property__")
        for child in condition.children
    )


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
