"""Reads for the applicant pages: an applicant's cases and properties, one case with what its
page shows, each a fixed number of queries whatever the number of cases or events."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Inspection, Payment
from permitdesk.cases.permissions import own_property_ids
from permitdesk.records.models import Property, Unit

User = AbstractBaseUser | AnonymousUser

CASES_PER_PAGE = 25


def my_cases(user: User) -> QuerySet[Application]:
    """The applicant's own cases, newest first (the index case_applicant_list)."""
    return (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("jurisdiction", "unit__property")
        .order_by("-submitted_at", "-id")
    )


def my_property_ids(user: User) -> set[int]:
    """The properties the applicant recorded or applied for (permissions.own_property_ids)."""
    return own_property_ids(user)


def my_properties(user: User) -> QuerySet[Property]:
    return (
        Property.objects.filter(pk__in=my_property_ids(user))
        .select_related("jurisdiction")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("label", "id")),
            "units__bedrooms",
        )
        .order_by("address", "id")
    )


def my_property(user: User, pk: int) -> Property:
    """One of the applicant's properties with its units and their bedrooms; else 404."""
    if pk not in my_property_ids(user):
        raise Http404("property not found")
    found = my_properties(user).filter(pk=pk).first()
    if found is None:
        raise Http404("property not found")
    return found


def my_units(user: User) -> QuerySet[Unit]:
    """The units of the applicant's properties, for choosing what to apply for."""
    return (
        Unit.objects.filter(property_id__in=my_property_ids(user))
        .select_related("property__jurisdiction")
        .order_by("property__address", "label", "id")
    )


def my_case(user: User, pk: int) -> Application:
    """The applicant's case with everything its page shows, prefetched; another applicant's
    case (or one that does not exist) is 404."""
    found = (
        Application.objects.filter(applicant_id=user.pk, pk=pk)
        .select_related("jurisdiction", "unit__property", "approval")
        .prefetch_related(
            "fee_lines",
            "unit__bedrooms",
            "parties",
            "occupants",
            "permits",
            Prefetch("payments", queryset=Payment.objects.order_by("recorded_at", "id")),
            Prefetch(
                "inspections",
                queryset=Inspection.objects.select_related("request")
                .prefetch_related("violations")
                .order_by("number"),
            ),
        )
        .first()
    )
    if found is None:
        raise Http404("case not found")
    return found


def case_events(application: Application) -> list[AuditEvent]:
    """What happened on the case, oldest first (one query)."""
    return list(AuditEvent.objects.filter(application_id=application.pk).order_by("at", "id"))
