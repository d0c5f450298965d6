"""Reads of properties and units: one by id (the API), an applicant's own (their pages), each
a fixed number of queries, units always by (label, id)."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as DjangoUser
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404

from permitdesk.accounts.permissions import NotFound, memberships, staff_in
from permitdesk.cases.permissions import own_property_ids
from permitdesk.records.models import Party, Property, Relation, Unit

User = AbstractBaseUser | AnonymousUser

UNIT_ORDER = ("label", "id")

M = TypeVar("M", bound=Model)


def one(queryset: QuerySet[M], pk: int, what: str) -> M:
    """The object `pk` of `queryset`, or NotFound (404)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"{what} {pk} not found")
    return found


def place(pk: int) -> Property:
    """A property an action names."""
    return one(Property.objects.select_related("jurisdiction"), pk, "property")


def unit(pk: int) -> Unit:
    """A unit an application names."""
    return one(Unit.objects.select_related("property__jurisdiction"), pk, "unit")


def property_detail(pk: int) -> Property:
    units = Prefetch("units", queryset=Unit.objects.order_by(*UNIT_ORDER))
    return one(
        Property.objects.select_related("jurisdiction").prefetch_related(units), pk, "property"
    )


def unit_detail(pk: int) -> Unit:
    return one(
        Unit.objects.select_related("property__jurisdiction").prefetch_related("bedrooms"),
        pk,
        "unit",
    )


def my_property_ids(user: User) -> set[int]:
    """The properties the person has a live relation to (permissions.own_property_ids)."""
    return own_property_ids(user)


def my_properties(user: User) -> QuerySet[Property]:
    return (
        Property.objects.filter(pk__in=my_property_ids(user))
        .select_related("jurisdiction")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by(*UNIT_ORDER)),
            "units__bedrooms",
        )
        .order_by("address", "id")
    )


def my_property(user: User, pk: int, kinds: tuple[str, ...] | None = None) -> Property:
    """One of the person's properties (where they are one of `kinds`, if given) with its units
    and their bedrooms; else 404."""
    if pk not in own_property_ids(user, kinds):
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


def party_detail(pk: int) -> Party:
    """A party, with the cases that name it (their jurisdictions decide who may edit it)."""
    return one(Party.objects.prefetch_related("applications__jurisdiction"), pk, "party")


CLAIMS_SHOWN = 200  # the pending claims page shows the oldest this many; the count says more


def my_relations(user: User) -> QuerySet[Relation]:
    """The person's relations to properties, every status, newest first (their case list)."""
    if not user.is_authenticated:
        return Relation.objects.none()
    return (
        Relation.objects.filter(person_id=user.pk)
        .select_related("property__jurisdiction", "unit", "person")
        .order_by("-claimed_at", "-id")
    )


def my_relation(user: User, pk: int) -> Relation:
    """One of the person's own relations, any status; another's (or none) is 404."""
    found = my_relations(user).filter(pk=pk).first()
    if found is None:
        raise Http404("relation not found")
    return found


def pending_claims(user: User) -> QuerySet[Relation]:
    """The claims waiting for a decision in the jurisdictions where the user is a clerk or a
    code official, oldest first (the relation's (status, claimed_at) index)."""
    desk = staff_in(memberships(user)) if isinstance(user, DjangoUser) else []
    return (
        Relation.objects.filter(status=Relation.Status.CLAIMED, property__jurisdiction_id__in=desk)
        .select_related("property__jurisdiction", "unit", "person")
        .order_by("claimed_at", "id")
    )


def claim(pk: int) -> Relation:
    """A relation a staff decision names; the service checks who may decide it."""
    return one(
        Relation.objects.select_related("property__jurisdiction", "person", "unit"), pk, "claim"
    )


def relations_to(person_id: int, property_id: int) -> list[Relation]:
    """A person's relations to one property, newest first (the staff case page: is the
    applicant's relation verified, or is the application held for the clerk?)."""
    return list(
        Relation.objects.filter(person_id=person_id, property_id=property_id)
        .select_related("unit")
        .order_by("-claimed_at", "-id")[:10]
    )


def live_relations(place: Property) -> QuerySet[Relation]:
    """Who acts for a parcel now (claimed or verified relations), oldest first: the staff's
    property page, where the desk ends one."""
    return (
        Relation.objects.filter(property=place, status__in=Relation.LIVE)
        .select_related("person", "unit")
        .order_by("claimed_at", "id")
    )


def unit_by_parcel(jurisdiction_id: int, parcel_id: str, label: str = "") -> Unit | None:
    """The unit of the jurisdiction's parcel with this label (blank: the parcel's one unit
    without a label), or None; one query."""
    return (
        Unit.objects.select_related("property__jurisdiction")
        .filter(
            property__jurisdiction_id=jurisdiction_id,
            property__parcel_id=parcel_id.strip(),
            label=label.strip(),
        )
        .order_by("pk")
        .first()
    )
