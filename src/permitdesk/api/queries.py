"""The reads behind the API's GET operations and the objects its actions name: each scoped to
what the caller may see, each a bounded number of queries. Changes go through the services."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeVar

from django.contrib.auth.models import User
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Actor, NotFound, membership_jurisdiction, require_staff
from permitdesk.api.reads.sql import fetch
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.actions import allowed_actions, require
from permitdesk.cases.models import (
    Application,
    ChangeOfOccupancyReport,
    FeeLine,
    Inspection,
    Occupant,
    Payment,
    Permit,
    Visitor,
)
from permitdesk.cases.permissions import visible_applications
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Property, Unit
from permitdesk.rules.calendar import local

M = TypeVar("M", bound=Model)


def today(pack: Pack) -> dt.date:
    """Today in the jurisdiction's own zone."""
    return local(pack, timezone.now()).date()


def one(queryset: QuerySet[M], pk: int, what: str) -> M:
    """The object `pk` of `queryset`, or NotFound (404)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"{what} {pk} not found")
    return found


def application(pk: int) -> Application:
    """A case an action names; the service decides whether the caller may see it."""
    return one(Application.objects.select_related("jurisdiction", "unit"), pk, "application")


def unit(pk: int) -> Unit:
    """A unit an application names."""
    return one(Unit.objects.select_related("property__jurisdiction"), pk, "unit")


def inspection(pk: int) -> Inspection:
    return one(Inspection.objects.select_related("application"), pk, "inspection")


def fee_line(pk: int) -> FeeLine:
    return one(FeeLine.objects.select_related("application"), pk, "fee line")


def payment(pk: int) -> Payment:
    return one(Payment.objects.select_related("application"), pk, "payment")


def permit(pk: int) -> Permit:
    return one(Permit.objects.select_related("application"), pk, "permit")


def user(pk: int) -> User:
    return one(User.objects.filter(is_active=True), pk, "user")


def place(pk: int) -> Property:
    """A property an action names."""
    return one(Property.objects.select_related("jurisdiction"), pk, "property")


def property_detail(pk: int) -> Property:
    units = Unit.objects.order_by("label", "id")
    return one(
        Property.objects.select_related("jurisdiction").prefetch_related(
            Prefetch("units", queryset=units)
        ),
        pk,
        "property",
    )


def unit_detail(pk: int) -> Unit:
    return one(
        Unit.objects.select_related("property__jurisdiction").prefetch_related("bedrooms"),
        pk,
        "unit",
    )


def application_detail(actor: Actor, pk: int) -> Application:
    """One case the caller may see, with its fees, balance, payments, inspections, occupants,
    permits and approval (a fixed number of queries)."""
    inspections = Inspection.objects.order_by("number").prefetch_related("violations")
    cases = (
        visible_applications(actor)
        .select_related("jurisdiction", "unit__property", "approval")
        .prefetch_related(
            Prefetch("fee_lines", queryset=FeeLine.objects.order_by("id")),
            Prefetch("payments", queryset=Payment.objects.order_by("id")),
            Prefetch("occupants", queryset=Occupant.objects.order_by("id")),
            Prefetch("visitors", queryset=Visitor.objects.order_by("arrived_on", "id")),
            Prefetch("inspections", queryset=inspections),
            Prefetch("permits", queryset=Permit.objects.order_by("issued_at", "id")),
        )
    )
    found = one(cases, pk, "application")
    # ApplicationOut's allowed_actions, which the model does not hold
    found.allowed_actions = sorted(allowed_actions(actor, found))  # type: ignore[attr-defined]
    return found


def audit_events(actor: Actor, pk: int) -> QuerySet[AuditEvent]:
    """A case's audit trail, for its clerks and code officials (403 for others who see it)."""
    case = application(pk)
    require(actor, "view-audit", case)
    return AuditEvent.objects.filter(application_id=case.pk).select_related("actor")


def permit_for_verification(number_or_token: str) -> tuple[Permit, bool]:
    """A permit by its verification token (what the QR code carries) or its number, and
    whether the token found it: only the token shows the permit's place (decision 0007)."""
    permits = Permit.objects.select_related(
        "application__jurisdiction", "application__unit__property"
    )
    by_token = permits.filter(verification_token=number_or_token).first()
    if by_token is not None:
        return by_token, True
    found = permits.filter(number=number_or_token).first()
    if found is None:
        raise NotFound("no permit has this number or verification code")
    return found, False


def permit_status(permit: Permit) -> Literal["valid", "ended"]:
    """valid, or ended: ended by a service, or its term (ends_on) over in its jurisdiction."""
    if permit.ended_at is not None:
        return "ended"
    pack = get_pack(permit.application.jurisdiction.slug)
    if permit.ends_on is not None and permit.ends_on < today(pack):
        return "ended"
    return "valid"


def staff_jurisdiction(user: Actor, slug: str) -> int:
    """The id of a jurisdiction its clerks and code officials read: 404 for none, 403 for
    others. The token check read the ids of the user's own jurisdictions; another's is read
    here (the clerk's queue asks on every page, 0006)."""
    jurisdiction_id = membership_jurisdiction(user, slug)
    if jurisdiction_id is None:
        found = fetch("SELECT id FROM records_jurisdiction WHERE slug = %s", [slug])
        if not found:
            raise NotFound(f"jurisdiction {slug} not found")
        jurisdiction_id = found[0][0]
    require_staff(user, jurisdiction_id, {Role.CLERK, Role.CODE_OFFICIAL})
    return jurisdiction_id


def change_reports(user: Actor, slug: str) -> QuerySet[ChangeOfOccupancyReport]:
    """The change-of-occupancy reports of a jurisdiction, newest first, for its staff."""
    found = staff_jurisdiction(user, slug)
    return ChangeOfOccupancyReport.objects.filter(unit__property__jurisdiction_id=found).order_by(
        "-reported_at", "-id"
    )
