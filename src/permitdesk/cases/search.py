"""The staff's case search: by case number, permit number or parcel (exact), and by any part
of an address (a street name alone), a phone number or a name (owner, applicant, tenant,
occupant, inspection contact). Newest first.

Each kind of match is its own subquery over an index: the exact ones over primary and unique
keys, the "contains" ones over PostgreSQL trigram indexes (pg_trgm, migration
cases.0009_search_indexes; decision record 0010), so a search costs the same at 10,000 or
500,000 cases. On SQLite the same lookups scan (a small database). A "contains" match needs
CONTAINS_FROM characters: fewer have no trigram to look up.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from permitdesk.cases.models import Application, InspectionRequest, Occupant, Permit
from permitdesk.records.models import Party, Property
from permitdesk.records.services import normalized

CONTAINS_FROM = 3  # a trigram index finds nothing shorter
LONGEST_CASE_NUMBER = 18  # digits of the largest bigint


def matching_cases(jurisdictions: QuerySet[object], term: str) -> QuerySet[Application]:
    """The cases of `jurisdictions` (a query of their ids) that match `term`, newest first."""
    term = term.strip()
    wanted = Q(unit__property__in=Property.objects.filter(parcel_id=term).values("pk"))
    wanted |= Q(pk__in=Permit.objects.filter(number=term.upper()).values("application_id"))
    if term.isdigit() and len(term) <= LONGEST_CASE_NUMBER:
        wanted |= Q(pk=int(term))
    if len(term) >= CONTAINS_FROM:
        wanted |= _contains(term)
    return (
        Application.objects.filter(jurisdiction_id__in=jurisdictions)
        .filter(wanted)
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


def _contains(term: str) -> Q:
    """The "contains" matches, each a subquery one trigram index answers."""
    places = Property.objects.filter(normalized_address__contains=normalized(term))
    occupants = Occupant.objects.filter(
        Q(last_name__icontains=term) | Q(first_name__icontains=term)
    )
    parties = Party.objects.filter(Q(name__icontains=term) | Q(phone__contains=term))
    applicants = get_user_model().objects.filter(
        Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(email__iexact=term)
    )
    contacts = InspectionRequest.objects.filter(contact_phone__contains=term)
    linked = Application.parties.through.objects.filter(party__in=parties.values("pk"))
    return (
        Q(unit__property__in=places.values("pk"))
        | Q(pk__in=occupants.values("application_id"))
        | Q(pk__in=linked.values("application_id"))
        | Q(applicant_id__in=applicants.values("pk"))
        | Q(pk__in=contacts.values("application_id"))
    )
