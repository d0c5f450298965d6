"""The objects an action names by id (the API's POSTs, the staff pages' forms): each the
object or NotFound (404); whether the caller may act on it is the service's to decide."""

from __future__ import annotations

from django.contrib.auth.models import User

from permitdesk.cases.models import Application, FeeLine, Inspection, Occupant, Payment, Permit
from permitdesk.records.selectors import one


def application(pk: int) -> Application:
    """A case an action names; the service decides whether the caller may see it."""
    return one(Application.objects.select_related("jurisdiction", "unit"), pk, "application")


def inspection(pk: int) -> Inspection:
    return one(Inspection.objects.select_related("application"), pk, "inspection")


def occupant(pk: int) -> Occupant:
    return one(Occupant.objects.select_related("application"), pk, "occupant")


def fee_line(pk: int) -> FeeLine:
    return one(FeeLine.objects.select_related("application"), pk, "fee line")


def payment(pk: int) -> Payment:
    return one(Payment.objects.select_related("application"), pk, "payment")


def permit(pk: int) -> Permit:
    return one(Permit.objects.select_related("application"), pk, "permit")


def user(pk: int) -> User:
    return one(User.objects.filter(is_active=True), pk, "user")
