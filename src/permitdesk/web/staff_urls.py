"""The staff pages' URLs (included by permitdesk.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path

from permitdesk.web import (
    staff_case,
    staff_inspection,
    staff_inspector,
    staff_official,
    staff_payments,
    staff_permits,
    staff_queue,
    staff_scheduling,
    staff_search,
)

urlpatterns: list[URLPattern] = [
    path("staff/", staff_queue.staff_home, name="staff-home"),
    path("staff/search/", staff_search.search, name="staff-search"),
    path("staff/inspections/today/", staff_inspector.inspector_day, name="inspector-day"),
    path("staff/inspections/<int:pk>/", staff_inspection.record, name="inspection"),
    path("staff/violations/<int:pk>/photo/", staff_inspection.photo, name="violation-photo"),
    path("staff/<slug:slug>/queues/<slug:name>/", staff_queue.queue, name="staff-queue"),
    path("staff/cases/<int:pk>/", staff_case.case_detail, name="staff-case"),
    path("staff/cases/<int:pk>/history/", staff_official.history, name="staff-case-history"),
    path("staff/cases/<int:pk>/payments/", staff_payments.record, name="staff-record-payment"),
    path(
        "staff/cases/<int:pk>/fees/<int:line>/waive/",
        staff_payments.waive,
        name="staff-waive-fee",
    ),
    path("staff/cases/<int:pk>/inspections/", staff_scheduling.schedule, name="staff-schedule"),
    path(
        "staff/cases/<int:pk>/inspections/<int:inspection>/assign/",
        staff_scheduling.assign,
        name="staff-assign",
    ),
    path(
        "staff/cases/<int:pk>/conditional-permit/",
        staff_official.conditional_permit,
        name="staff-conditional-permit",
    ),
    path(
        "staff/cases/<int:pk>/temporary-permit/",
        staff_official.temporary_permit,
        name="staff-temporary-permit",
    ),
    path("staff/cases/<int:pk>/permit/", staff_permits.issue, name="staff-issue-permit"),
    path("staff/cases/<int:pk>/permit/amend/", staff_permits.amend, name="staff-amend-permit"),
    path(
        "staff/cases/<int:pk>/permits/<int:permit>/end/",
        staff_permits.end,
        name="staff-end-permit",
    ),
    path("staff/cases/<int:pk>/refunds/", staff_permits.refund, name="staff-refund"),
    path("staff/cases/<int:pk>/withdraw/", staff_permits.withdraw, name="staff-withdraw"),
]
