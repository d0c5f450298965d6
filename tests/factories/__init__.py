"""One set of builders for every test: the records (jurisdictions, people with roles,
properties, units), the people around a jurisdiction's cases, cases at each stage built
through the real services, and the steps that take a case further."""

from tests.factories.people import People, people
from tests.factories.records import jurisdiction, relation, staff, superuser, unit, user
from tests.factories.stages import (
    MONDAY,
    ON_WEDNESDAY,
    VILLAGE,
    WEDNESDAY,
    approved,
    conditional_in_the_village,
    ended,
    failed,
    failed_in_the_village,
    issued,
    paid,
    requested,
    scheduled,
    submitted,
    withdrawn,
)
from tests.factories.steps import book, pass_inspection, request

__all__ = [
    "MONDAY",
    "ON_WEDNESDAY",
    "VILLAGE",
    "WEDNESDAY",
    "People",
    "approved",
    "book",
    "conditional_in_the_village",
    "ended",
    "failed",
    "failed_in_the_village",
    "issued",
    "jurisdiction",
    "paid",
    "pass_inspection",
    "people",
    "relation",
    "request",
    "requested",
    "scheduled",
    "staff",
    "submitted",
    "superuser",
    "unit",
    "user",
    "withdrawn",
]
