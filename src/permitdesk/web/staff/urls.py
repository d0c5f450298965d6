"""The staff pages' URLs (included by permitdesk.web.urls), as tables of (route, view, name)
under the three places a staff page hangs from: the desk, a jurisdiction and a case."""

from __future__ import annotations

from collections.abc import Callable

from django.http.response import HttpResponseBase
from django.urls import URLPattern, path

from permitdesk.web import correspondence
from permitdesk.web.staff import (
    case,
    catch_rate,
    claims,
    filings,
    inspection,
    inspector,
    leads,
    official,
    online_refunds,
    payments,
    people,
    periods,
    permits,
    queue,
    reconciliation,
    records,
    sales_file,
    scheduling,
    search,
    village,
)

Route = tuple[str, Callable[..., HttpResponseBase], str]

# Below "staff/": the desk's own pages and the records (claims, inspections, properties, units).
DESK_PAGES: tuple[Route, ...] = (
    ("", queue.staff_home, "staff-home"),
    ("search/", search.search, "staff-search"),
    ("claims/", claims.claims, "staff-claims"),
    ("claims/<int:pk>/verify/", claims.verify, "staff-claim-verify"),
    ("claims/<int:pk>/refuse/", claims.refuse, "staff-claim-refuse"),
    ("relations/<int:pk>/end/", claims.end, "staff-relation-end"),
    ("inspections/today/", inspector.inspector_day, "inspector-day"),
    ("inspections/<int:pk>/", inspection.record, "inspection"),
    ("violations/<int:pk>/photo/", inspection.photo, "violation-photo"),
    ("people/", people.people_home, "staff-people"),
    ("properties/<int:pk>/", records.property_page, "staff-property"),
    ("units/<int:pk>/", records.unit_edit, "staff-unit"),
    ("units/<int:pk>/bedrooms/", records.bedroom_add, "staff-add-bedroom"),
    ("units/<int:pk>/bedrooms/change/", records.bedroom_change, "staff-change-bedroom"),
    ("units/<int:pk>/bedrooms/remove/", records.bedroom_remove, "staff-remove-bedroom"),
    ("parties/<int:pk>/", records.party_page, "staff-party"),
)

# Below "staff/<slug>/": a jurisdiction's queues, leads, people and reports.
JURISDICTION_PAGES: tuple[Route, ...] = (
    ("queues/<slug:name>/", queue.queue, "staff-queue"),
    ("queues/<slug:name>/assign/", queue.assign, "staff-queue-assign"),
    ("payments/reconciliation/", reconciliation.reconciliation, "staff-reconciliation"),
    ("leads/", leads.lead_queue, "staff-leads"),
    ("leads/sales-file/", sales_file.sales_file, "staff-sales-file"),
    ("catch-rate/", catch_rate.dashboard, "staff-catch-rate"),
    ("exports/", periods.exports_for_a_period, "staff-exports"),
    ("leads/<int:pk>/letter/", leads.send_letter, "staff-lead-letter"),
    ("leads/<int:pk>/letter.pdf", leads.letter_pdf, "staff-lead-pdf"),
    ("leads/<int:pk>/dismiss/", leads.dismiss, "staff-lead-dismiss"),
    ("leads/<int:pk>/escalate/", leads.escalate, "staff-lead-escalate"),
    ("sales/<int:pk>/confirm/", leads.confirm, "staff-sale-confirm"),
    ("sales/<int:pk>/reject/", leads.reject, "staff-sale-reject"),
    ("people/", people.people, "staff-people-list"),
    ("people/grant/", people.grant, "staff-people-grant"),
    ("people/<int:pk>/change/", people.change, "staff-people-change"),
    ("people/<int:pk>/revoke/", people.revoke, "staff-people-revoke"),
    ("change-reports/", village.change_report_list, "staff-change-reports"),
    ("owner-filings/", filings.owner_filings, "staff-owner-filings"),
)

# Below "staff/cases/<pk>/": a case's page and the actions on it.
CASE_PAGES: tuple[Route, ...] = (
    ("", case.case_detail, "staff-case"),
    ("online-refunds/<int:checkout>/", online_refunds.refund_online, "staff-refund-online"),
    ("visitors/", village.visitors, "staff-case-visitors"),
    ("history/", official.history, "staff-case-history"),
    ("messages/", correspondence.staff_thread, "staff-case-messages"),
    ("payments/", payments.record, "staff-record-payment"),
    ("fees/<int:line>/waive/", payments.waive, "staff-waive-fee"),
    ("inspections/", scheduling.schedule, "staff-schedule"),
    ("inspections/<int:inspection>/assign/", scheduling.assign, "staff-assign"),
    ("conditional-permit/", official.conditional_permit, "staff-conditional-permit"),
    ("temporary-permit/", official.temporary_permit, "staff-temporary-permit"),
    ("permit/", permits.issue, "staff-issue-permit"),
    ("permit/amend/", permits.amend, "staff-amend-permit"),
    ("permits/<int:permit>/end/", permits.end, "staff-end-permit"),
    ("refunds/", permits.refund, "staff-refund"),
    ("withdraw/", permits.withdraw, "staff-withdraw"),
)

urlpatterns: list[URLPattern] = [
    path(prefix + route, view, name=name)
    for prefix, pages in (
        ("staff/", DESK_PAGES),
        ("staff/<slug:slug>/", JURISDICTION_PAGES),
        ("staff/cases/<int:pk>/", CASE_PAGES),
    )
    for route, view, name in pages
]
