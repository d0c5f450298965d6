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
from django.db.models import Q, QuerySet

from permitdesk.cases.models import Application, InspectionRequest, Occupant, Permit
from permitdesk.records.models import Party
from permitdesk.records.services import normalized

CONTAINS_FROM = 3  # a trigram index finds nothing shorter
LONGEST_CASE_NUMBER = 18  # digits of the largest bigint
WHOLE_PHONE = re.compile(r"[\d\s().+-]*(\d[\s().+-]*){7,}")  # seven digits or more


def matching_cases(jurisdictions: QuerySet[Any, Any], term: str) -> QuerySet[Application]:
    """The cases of `jurisdictions` (a query of their ids) that match `term`, newest first."""
    term = term.strip()
    ids = [
        Application.objects.filter(unit__property__parcel_id=term).values("pk"),
        Permit.objects.filter(number=term.upper()).values("application_id"),
    ]
    if term.isdigit() and len(term) <= LONGEST_CASE_NUMBER:
        ids.append(Application.objects.filter(pk=int(term)).values("pk"))
    if WHOLE_PHONE.fullmatch(term):
        ids += _phone(term)
    elif len(term) >= CONTAINS_FROM:
        ids += _contains(term)
    first, *rest = (branch.order_by() for branch in ids)
    return (
        Application.objects.filter(jurisdiction_id__in=jurisdictions)
        .filter(pk__in=first.union(*rest))
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


def _phone(number: str) -> list[QuerySet[Any, Any]]:
    """A whole phone number: the inspection contacts' and the parties' (b-tree indexes)."""
    return [
        InspectionRequest.objects.filter(contact_phone=number).values("application_id"),
        Application.parties.through.objects.filter(party__phone=number).values("application_id"),
    ]


def _contains(term: str) -> list[QuerySet[Any, Any]]:
    """The "contains" matches, each one trigram index's lookup."""
    users = get_user_model().objects.filter(
        Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(email__iexact=term)
    )
    parties = Party.objects.filter(Q(name__icontains=term) | Q(phone__contains=term))
    return [
        Application.objects.filter(
            unit__property__normalized_address__contains=normalized(term)
        ).values("pk"),
        Occupant.objects.filter(
            Q(last_name__icontains=term) | Q(first_name__icontains=term)
        ).values("application_id"),
        Application.parties.through.objects.filter(party__in=parties.values("pk")).values(
            "application_id"
        ),
        Application.objects.filter(applicant__in=users.values("pk")).values("pk"),
        InspectionRequest.objects.filter(contact_phone__contains=term).values("application_id"),
    ]
