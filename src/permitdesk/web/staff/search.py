"""Search the cases of the user's jurisdictions by address, parcel, permit number or name
(owner, applicant, tenant or occupant), newest first, paginated."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from permitdesk.accounts.models import Membership
from permitdesk.cases.models import Application, Occupant, Permit
from permitdesk.records.models import Party, Property
from permitdesk.records.services import normalized
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page

PAGE_SIZE = 25


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Address, parcel, permit number or name",
        max_length=100,
        help_text="An address from its start (10 N Central), a parcel or permit number in "
        "full, or a last name.",
    )


def matching_cases(user: User, term: str) -> QuerySet[Application]:
    """The cases of the jurisdictions where `user` works the cases that match `term`; each
    kind of match is its own subquery (the address and parcel read Property's indexes, the
    permit number its unique index), so the page is two queries whatever the data size."""
    desks = Membership.objects.filter(user_id=user.pk, role__in=DESK).values("jurisdiction_id")
    places = Property.objects.filter(jurisdiction_id__in=desks).filter(
        Q(parcel_id=term) | Q(normalized_address__startswith=normalized(term))
    )
    permits = Permit.objects.filter(number=term.upper()).values("application_id")
    occupants = Occupant.objects.filter(
        Q(last_name__istartswith=term) | Q(first_name__istartswith=term)
    ).values("application_id")
    parties = Application.parties.through.objects.filter(
        party__in=Party.objects.filter(name__icontains=term)
    ).values("application_id")
    applicants = User.objects.filter(Q(last_name__istartswith=term) | Q(email__iexact=term)).values(
        "pk"
    )
    return (
        Application.objects.filter(jurisdiction_id__in=desks)
        .filter(
            Q(unit__property__in=places.values("pk"))
            | Q(pk__in=permits)
            | Q(pk__in=occupants)
            | Q(pk__in=parties)
            | Q(applicant_id__in=applicants)
        )
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


@staff_page(DESK)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET if "q" in request.GET else None)
    page = None
    query = ""
    if form.is_bound and form.is_valid():
        term = form.cleaned_data["q"].strip()
        page = Paginator(matching_cases(signed_in_user(request), term), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        query = urlencode({"q": term})
    status = 422 if form.errors else 200
    return render(
        request,
        "web/staff/search.html",
        {"form": form, "page": page, "query": query},
        status=status,
    )
