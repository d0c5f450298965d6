"""The case file: applications and their fees and payments, inspections, approvals,
occupants, visitors and permits. Only services in permitdesk.cases.services change them."""

from permitdesk.cases.models.applications import Application, FeeLine, Payment
from permitdesk.cases.models.inspections import Approval, Inspection, InspectionRequest, Violation
from permitdesk.cases.models.permits import ChangeOfOccupancyReport, Occupant, Permit, Visitor

__all__ = [
    "Application",
    "Approval",
    "ChangeOfOccupancyReport",
    "FeeLine",
    "Inspection",
    "InspectionRequest",
    "Occupant",
    "Payment",
    "Permit",
    "Violation",
    "Visitor",
]
