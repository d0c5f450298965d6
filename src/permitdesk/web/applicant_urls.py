"""The applicant pages' URLs (included by permitdesk.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path

from permitdesk.web import (
    applicant_apply,
    applicant_cases,
    applicant_inspections,
    applicant_occupants,
    applicant_properties,
)

urlpatterns: list[URLPattern] = [
    path("cases/", applicant_cases.case_list, name="my-cases"),
    path("cases/<int:pk>/", applicant_cases.case_detail, name="case"),
    path(
        "cases/<int:pk>/inspection/",
        applicant_inspections.inspection_request,
        name="case-inspection",
    ),
    path(
        "cases/<int:pk>/violations/<int:violation>/photo/",
        applicant_cases.violation_photo,
        name="case-violation-photo",
    ),
    path("cases/<int:pk>/occupants/", applicant_occupants.occupants, name="case-occupants"),
    path("apply/", applicant_apply.apply, name="apply"),
    path("properties/new/", applicant_properties.property_new, name="property-new"),
    path("properties/<int:pk>/", applicant_properties.property_detail, name="property"),
    path("properties/<int:pk>/units/new/", applicant_properties.unit_new, name="unit-new"),
]
