"""Finance's reconciliation page (and its CSV) for one jurisdiction and day: the online
payments and refunds matched to the provider's payouts (payments.reconciliation)."""

from __future__ import annotations

import csv
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from permitdesk.cases.selectors.desks import desk_jurisdiction
from permitdesk.law.loader import get_pack
from permitdesk.payments.providers.base import ProviderError
from permitdesk.payments.reconciliation import COLUMNS, Row, reconcile, totals
from permitdesk.rules.calendar import zone
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page


@require_GET
@staff_page(DESK)
def reconciliation(request: HttpRequest, slug: str) -> HttpResponse:
    place = desk_jurisdiction(signed_in_user(request), slug)
    today = timezone.localdate(timezone=zone(get_pack(place.slug)))
    wanted = request.GET.get("day", "") or today.isoformat()
    error, rows = "", list[Row]()
    try:
        day = dt.date.fromisoformat(wanted)
    except ValueError:
        day, error = today, f"day '{wanted[:20]}' is not a date: give it as YYYY-MM-DD"
    if not error:
        try:
            rows = reconcile(place.slug, day)
        except ProviderError as refusal:
            error = str(refusal)
    if request.GET.get("format") == "csv" and not error:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="reconciliation-{place.slug}-{day.isoformat()}.csv"'
        )
        out = csv.writer(response)
        out.writerow(COLUMNS)
        for row in rows:
            out.writerow(row.values())
        return response
    return render(
        request,
        "web/staff/reconciliation.html",
        {"jurisdiction": place, "day": day, "rows": rows, "totals": totals(rows), "error": error},
        status=400 if error else 200,
    )
