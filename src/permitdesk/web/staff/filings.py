"""The owners' filings of a jurisdiction for its clerks and code officials, newest first: the
village's written disclosures (and whether the signed form was uploaded) and Clayton's
prior-to-sale notices (late ones, and those whose buyer's notarized acknowledgement of open
violations is missing, flagged). Read-only: the owners file them in the portal."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from permitdesk.cases.selectors.desks import desk_jurisdiction
from permitdesk.filings.selectors import disclosures, sale_notices
from permitdesk.law.loader import get_pack
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page

PAGE_SIZE = 25


@require_GET
@staff_page(DESK)
def owner_filings(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    place = desk_jurisdiction(user, slug)
    pack = get_pack(place.slug)
    context = {
        "jurisdiction": place,
        "disclosure_offered": pack.has_term("written_disclosure_statement"),
        "sale_notice_offered": pack.has_term("prior_to_sale_notice"),
        "disclosures": Paginator(disclosures(user, slug), PAGE_SIZE).get_page(
            request.GET.get("disclosures")
        ),
        "notices": Paginator(sale_notices(user, slug), PAGE_SIZE).get_page(
            request.GET.get("notices")
        ),
    }
    return render(request, "web/staff/owner_filings.html", context)
