"""The applicant pages' URLs (included by permitdesk.web.urls), as tables of (route, view,
name) below the place each page hangs from: the site, one of the person's cases, one of their
properties; then the owners' uploaded filings, each served with its kind."""

from __future__ import annotations

from collections.abc import Callable

from django.http.response import HttpResponseBase
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

Route = tuple[str, Callable[..., HttpResponseBase], str]

# The person's lists and the forms that start something: an application, a property, a claim.
PAGES: tuple[Route, ...] = (
    ("cases/", cases.case_list, "my-cases"),
    ("apply/", apply.apply, "apply"),
    ("properties/new/", properties.property_new, "property-new"),
    ("properties/claim/", relations.claim_new, "claim-new"),
    ("properties/relations/<int:pk>/end/", relations.relation_end, "relation-end"),
)

# Below "cases/<pk>/": one of the person's cases and what they do on it.
CASE_PAGES: tuple[Route, ...] = (
    ("", cases.case_detail, "case"),
    ("inspection/", inspections.inspection_request, "case-inspection"),
    (
        "inspections/<int:inspection>/change/",
        inspection_changes.inspection_change,
        "case-inspection-change",
    ),
    (
        "inspections/<int:inspection>/cancel/",
        inspection_changes.inspection_cancel,
        "case-inspection-cancel",
    ),
    ("violations/<int:violation>/photo/", cases.violation_photo, "case-violation-photo"),
    ("messages/", correspondence.applicant_thread, "case-messages"),
    ("documents/<int:document>/", correspondence.document, "case-document"),
    ("pay/", pay.pay_online, "case-pay"),
    ("occupants/", occupants.occupants, "case-occupants"),
    ("occupants/<int:occupant>/", occupants.occupant_change, "case-occupant-change"),
    ("occupants/<int:occupant>/remove/", occupants.occupant_remove, "case-occupant-remove"),
)

# Below "properties/<pk>/": one of the person's properties, its units and the owner's filings.
PROPERTY_PAGES: tuple[Route, ...] = (
    ("", properties.property_detail, "property"),
    ("units/new/", properties.unit_new, "unit-new"),
    ("units/<int:unit>/change-report/", filings.change_report, "change-report"),
    ("change-reports/<int:report>/", filings.change_report_done, "change-report-done"),
    ("units/<int:unit>/disclosure.pdf", filings.disclosure_pdf, "disclosure-pdf"),
    ("units/<int:unit>/disclosures/new/", filings.disclosure_new, "disclosure-new"),
    ("sale-notices/new/", filings.sale_notice_new, "sale-notice-new"),
    (
        "sale-notices/<int:notice>/acknowledgement/",
        filings.sale_notice_acknowledgement,
        "sale-notice-acknowledgement",
    ),
)

urlpatterns: list[URLPattern] = [
    *(
        path(prefix + route, view, name=name)
        for prefix, pages in (
            ("", PAGES),
            ("cases/<int:pk>/", CASE_PAGES),
            ("properties/<int:pk>/", PROPERTY_PAGES),
        )
        for route, view, name in pages
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
