"""Search the cases of the user's jurisdictions by case number, permit number, parcel, any part
of an address, a phone number or a name (owner, applicant, tenant, occupant, inspection
contact), newest first, paginated with a capped count (cases.search, cases.selectors.counts)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from permitdesk.cases.search import CONTAINS_FROM, matching_cases
from permitdesk.web.nav import jurisdictions_where
from permitdesk.web.paging import CappedPaginator
from permitdesk.web.staff.access import DESK, staff_page

PAGE_SIZE = 25


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Case number, address, parcel, permit number, phone or name",
        max_length=100,
        help_text="A case, parcel or permit number in full; or any part of an address (a "
        f"street name alone), a phone number or a name, at least {CONTAINS_FROM} characters.",
    )


@staff_page(DESK)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET if "q" in request.GET else None)
    page = None
    query = ""
    if form.is_bound and form.is_valid():
        term = form.cleaned_data["q"].strip()
        # The jurisdictions as values (read with the user's roles), not a subquery: the
        # database then walks one jurisdiction's cases by its own index (cases.search).
        found = matching_cases(jurisdictions_where(request, DESK), term)
        pages = CappedPaginator(found.cases, PAGE_SIZE, known=found.count)
        page = pages.get_page(request.GET.get("page"))
        query = urlencode({"q": term})
    status = 422 if form.errors else 200
    return render(
        request,
        "web/staff/search.html",
        {"form": form, "page": page, "query": query},
        status=status,
    )
