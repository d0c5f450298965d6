"""The staff pages' URLs (included by permitdesk.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path

from permitdesk.web.staff import (
    case,
    claims,
    inspection,
    inspector,
    official,
    online_refunds,
    payments,
    people,
    permits,
    queue,
    reconciliation,
    records,
    scheduling,
    search,
    village,
)

urlpatterns: list[URLPattern] = [
    path("staff/", queue.staff_home, name="staff-home"),
    path("staff/search/", search.search, name="staff-search"),
    path("staff/claims/", claims.claims, name="staff-claims"),
    path("staff/claims/<int:pk>/verify/", claims.verify, name="staff-claim-verify"),
    path("staff/claims/<int:pk>/refuse/", claims.refuse, name="staff-claim-refuse"),
    path("staff/inspections/today/", inspector.inspector_day, name="inspector-day"),
    path("staff/inspections/<int:pk>/", inspection.record, name="inspection"),
    path("staff/violations/<int:pk>/photo/", inspection.photo, name="violation-photo"),
    path("staff/<slug:slug>/queues/<slug:name>/", queue.queue, name="staff-queue"),
    path("staff/<slug:slug>/queues/<slug:name>/assign/", queue.assign, name="staff-queue-assign"),
    path(
        "staff/cases/<int:pk>/online-refunds/<int:checkout>/",
        online_refunds.refund_online,
        name="staff-refund-online",
    ),
    path(
        "staff/<slug:slug>/payments/reconciliation/",
        reconciliation.reconciliation,
        name="staff-reconciliation",
    ),
    path("staff/people/", people.people_home, name="staff-people"),
    path("staff/<slug:slug>/people/", people.people, name="staff-people-list"),
    path("staff/<slug:slug>/people/grant/", people.grant, name="staff-people-grant"),
    path("staff/<slug:slug>/people/<int:pk>/change/", people.change, name="staff-people-change"),
    path("staff/<slug:slug>/people/<int:pk>/revoke/", people.revoke, name="staff-people-revoke"),
    path("staff/cases/<int:pk>/", case.case_detail, name="staff-case"),
    path("staff/cases/<int:pk>/visitors/", village.visitors, name="staff-case-visitors"),
    path(
        "staff/<slug:slug>/change-reports/",
        village.change_report_list,
        name="staff-change-reports",
    ),
    path("staff/cases/<int:pk>/history/", official.history, name="staff-case-history"),
    path("staff/cases/<int:pk>/payments/", payments.record, name="staff-record-payment"),
    path(
        "staff/cases/<int:pk>/fees/<int:line>/waive/",
        payments.waive,
        name="staff-waive-fee",
    ),
    path("staff/cases/<int:pk>/inspections/", scheduling.schedule, name="staff-schedule"),
    path(
        "staff/cases/<int:pk>/inspections/<int:inspection>/assign/",
        scheduling.assign,
        name="staff-assign",
    ),
    path(
        "staff/cases/<int:pk>/conditional-permit/",
        official.conditional_permit,
        name="staff-conditional-permit",
    ),
    path(
        "staff/cases/<int:pk>/temporary-permit/",
        official.temporary_permit,
        name="staff-temporary-permit",
    ),
    path("staff/cases/<int:pk>/permit/", permits.issue, name="staff-issue-permit"),
    path("staff/cases/<int:pk>/permit/amend/", permits.amend, name="staff-amend-permit"),
    path(
        "staff/cases/<int:pk>/permits/<int:permit>/end/",
        permits.end,
        name="staff-end-permit",
    ),
    path("staff/cases/<int:pk>/refunds/", permits.refund, name="staff-refund"),
    path("staff/cases/<int:pk>/withdraw/", permits.withdraw, name="staff-withdraw"),
    path("staff/properties/<int:pk>/", records.property_page, name="staff-property"),
    path("staff/units/<int:pk>/", records.unit_edit, name="staff-unit"),
    path("staff/units/<int:pk>/bedrooms/", records.bedroom_add, name="staff-add-bedroom"),
    path(
        "staff/units/<int:pk>/bedrooms/change/",
        records.bedroom_change,
        name="staff-change-bedroom",
    ),
    path(
        "staff/units/<int:pk>/bedrooms/remove/",
        records.bedroom_remove,
        name="staff-remove-bedroom",
    ),
    path("staff/parties/<int:pk>/", records.party_page, name="staff-party"),
]
