"""The applicant pages' URLs (included by permitdesk.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path

from permitdesk.web import correspondence, filed_documents
from permitdesk.web.applicant import (
    apply,
    cases,
    filings,
    inspection_changes,
    inspections,
    occupants,
    pay,
    properties,
    relations,
)

urlpatterns: list[URLPattern] = [
    path("cases/", cases.case_list, name="my-cases"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path(
        "cases/<int:pk>/inspection/",
        inspections.inspection_request,
        name="case-inspection",
    ),
    path(
        "cases/<int:pk>/inspections/<int:inspection>/change/",
        inspection_changes.inspection_change,
        name="case-inspection-change",
    ),
    path(
        "cases/<int:pk>/inspections/<int:inspection>/cancel/",
        inspection_changes.inspection_cancel,
        name="case-inspection-cancel",
    ),
    path(
        "cases/<int:pk>/violations/<int:violation>/photo/",
        cases.violation_photo,
        name="case-violation-photo",
    ),
    path("cases/<int:pk>/messages/", correspondence.applicant_thread, name="case-messages"),
    path(
        "cases/<int:pk>/documents/<int:document>/",
        correspondence.document,
        name="case-document",
    ),
    path("cases/<int:pk>/pay/", pay.pay_online, name="case-pay"),
    path("cases/<int:pk>/occupants/", occupants.occupants, name="case-occupants"),
    path(
        "cases/<int:pk>/occupants/<int:occupant>/",
        occupants.occupant_change,
        name="case-occupant-change",
    ),
    path(
        "cases/<int:pk>/occupants/<int:occupant>/remove/",
        occupants.occupant_remove,
        name="case-occupant-remove",
    ),
    path("apply/", apply.apply, name="apply"),
    path("properties/new/", properties.property_new, name="property-new"),
    path("properties/claim/", relations.claim_new, name="claim-new"),
    path("properties/relations/<int:pk>/end/", relations.relation_end, name="relation-end"),
    path("properties/<int:pk>/", properties.property_detail, name="property"),
    path("properties/<int:pk>/units/new/", properties.unit_new, name="unit-new"),
    path(
        "properties/<int:pk>/units/<int:unit>/change-report/",
        filings.change_report,
        name="change-report",
    ),
    path(
        "properties/<int:pk>/change-reports/<int:report>/",
        filings.change_report_done,
        name="change-report-done",
    ),
    path(
        "properties/<int:pk>/units/<int:unit>/disclosure.pdf",
        filings.disclosure_pdf,
        name="disclosure-pdf",
    ),
    path(
        "properties/<int:pk>/units/<int:unit>/disclosures/new/",
        filings.disclosure_new,
        name="disclosure-new",
    ),
    path("properties/<int:pk>/sale-notices/new/", filings.sale_notice_new, name="sale-notice-new"),
    path(
        "properties/<int:pk>/sale-notices/<int:notice>/acknowledgement/",
        filings.sale_notice_acknowledgement,
        name="sale-notice-acknowledgement",
    ),
    # The uploaded copies, for the owner or agent and the jurisdiction's staff.
    path(
        "filings/disclosures/<int:pk>/signed-copy/",
        filed_documents.document,
        {"kind": "disclosure"},
        name="disclosure-document",
    ),
    path(
        "filings/sale-notices/<int:pk>/acknowledgement/",
        filed_documents.document,
        {"kind": "sale-notice"},
        name="sale-notice-document",
    ),
]
