"""The links from a desk of the staff home to what was reachable only by typing its address:
the village's change-of-occupancy reports, the day's tenant-letter print run
(permitdesk.documents) and the CSV exports
(permitdesk.exports) of the month so far and of last month: the shortcuts beside the page of
any period (web.staff.periods). Links only: the documents and exports check who may have
them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from permitdesk.law.loader import get_pack

EXPORT_LABELS = {
    "cases": "Cases",
    "inspections": "Inspections",
    "payments": "Payments",
    "permits": "Permits",
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def _url(name: str, **kwargs: str) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # an area not installed in this deployment's URLconf
        return None


def change_reports(slug: str) -> str | None:
    """The jurisdiction's change-of-occupancy reports, where its pack asks for them (the
    village, Ord. 08-457 §1.D)."""
    return (
        _url("web:staff-change-reports", slug=slug)
        if get_pack(slug).has_term("change_report_window")
        else None
    )


def owner_filings(slug: str) -> str | None:
    """The owners' written disclosures and prior-to-sale notices, where the jurisdiction's
    pack asks for either (the village §1.A, Clayton's "Prior to Sale Inspections")."""
    pack = get_pack(slug)
    asks = pack.has_term("written_disclosure_statement") or pack.has_term("prior_to_sale_notice")
    return _url("web:staff-owner-filings", slug=slug) if asks else None


def print_runs(slug: str, today: dt.date) -> list[Link]:
    """The tenant letters of today and of the day before (the permits issued then)."""
    found = []
    for label, day in (("today", today), ("yesterday", today - dt.timedelta(days=1))):
        url = _url("documents:tenant-letters", slug=slug, day=day.isoformat())
        if url is not None:
            found.append(Link(f"Tenant letters of permits issued {label} (PDF)", url))
    return found


def exports(slug: str, today: dt.date) -> list[Link]:
    """Each CSV export of this month so far and of last month."""
    first = today.replace(day=1)
    last_month_end = first - dt.timedelta(days=1)
    ranges = (
        ("this month", first, today),
        ("last month", last_month_end.replace(day=1), last_month_end),
    )
    found = []
    for kind, label in EXPORT_LABELS.items():
        url = _url("exports:export-csv", kind=kind)
        if url is None:
            continue
        for words, start, end in ranges:
            query = urlencode({"jurisdiction": slug, "from": start, "to": end})
            found.append(Link(f"{label}, {words} (CSV)", f"{url}?{query}"))
    return found
