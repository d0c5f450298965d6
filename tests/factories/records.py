"""The record side of a test world: jurisdictions, people with their roles, properties, units."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from django.contrib.auth.models import User
from django.utils import timezone

from permitdesk.accounts.models import Membership, Role
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Bedroom, Jurisdiction, Property, Relation, Unit
from permitdesk.records.services import BedroomInput, add_unit, create_property
from tests.moments import central


def jurisdiction(slug: str) -> Jurisdiction:
    found, _ = Jurisdiction.objects.get_or_create(slug=slug, defaults={"name": get_pack(slug).name})
    return found


def user(name: str, role: str | None = None, slug: str | None = None) -> User:
    """A person who may sign in; with `role` and `slug`, a member of that jurisdiction's staff."""
    person = User.objects.create_user(username=name, email=f"{name}@example.test", password="x")
    if role is not None and slug is not None:
        Membership.objects.create(user=person, jurisdiction=jurisdiction(slug), role=role)
    return person


def unit(
    slug: str,
    unit_type: str = "single-family",
    units_in_building: int = 1,
    bedrooms: tuple[str, ...] = ("120", "100"),
    parcel: str = "P-1",
    owner: User | None = None,
) -> Unit:
    """A dwelling unit of `slug` on a property of its own, with bedrooms of these areas; with
    `owner`, that person is its verified owner of record (who may apply for it)."""
    place = Property.objects.create(
        jurisdiction=jurisdiction(slug),
        parcel_id=parcel,
        address="10 N Central Ave",
        normalized_address="10 N CENTRAL AVE",
        city="Clayton",
        state="MO",
        zip_code="63105",
    )
    home = Unit.objects.create(
        property=place, unit_type=unit_type, units_in_building=units_in_building
    )
    for area in bedrooms:
        Bedroom.objects.create(unit=home, area_sqft=Decimal(area))
    if owner is not None:
        relation(owner, place)
    return home


def relation(
    person: User,
    place: Property,
    kind: str = Relation.Kind.OWNER,
    status: str = Relation.Status.VERIFIED,
    unit: Unit | None = None,
) -> Relation:
    """`person`'s relation to `place` (verified owner of record unless told otherwise)."""
    at = central("2026-01-05 09:00")
    decided = status in (Relation.Status.VERIFIED, Relation.Status.REFUSED)
    return Relation.objects.create(
        person=person,
        property=place,
        unit=unit,
        kind=kind,
        status=status,
        evidence="deed of record" if kind == Relation.Kind.OWNER else "signed paper",
        claimed_at=at,
        decided_at=at if decided else None,
    )


def staff(slug: str) -> dict[str, User]:
    """A clerk, an inspector and a code official of `slug`."""
    tag = slug.split("-")[0]
    return {
        role: user(f"{tag}-{role}", role, slug)
        for role in (Role.CLERK, Role.INSPECTOR, Role.CODE_OFFICIAL)
    }


def superuser() -> User:
    """Django's superuser, with no membership: the case service gives it nothing more."""
    return User.objects.create_superuser("root", "root@example.test", "x")


_recorded_parcels = count(1)
PLACES = {  # a city and state in each jurisdiction, for the properties applicants record
    "clayton-mo": ("Clayton", "MO", "63105"),
    "st-clair-county-il": ("Belleville", "IL", "62220"),
    "st-louis-county-mo": ("Affton", "MO", "63123"),
    "village-ord-08-457": ("Village", "MO", "63119"),
}


def recorded_unit(
    owner: User,
    slug: str,
    unit_type: str = "single-family",
    bedrooms: tuple[str, ...] = ("120", "100"),
    units_in_building: int = 1,
) -> Unit:
    """A property in `slug` recorded by `owner` through the records services, with one unit
    and its bedrooms (the applicant pages list the properties a user recorded)."""
    jurisdiction(slug)
    city, state, zip_code = PLACES[slug]
    place = create_property(
        actor=owner,
        jurisdiction_slug=slug,
        parcel_id=f"T-{next(_recorded_parcels)}",
        address=f"{next(_recorded_parcels)} Test Ave",
        city=city,
        state=state,
        zip_code=zip_code,
        now=timezone.now(),
    )
    return add_unit(
        actor=owner,
        place=place,
        label="",
        unit_type=unit_type,
        units_in_building=units_in_building,
        bedrooms=[BedroomInput(Decimal(area)) for area in bedrooms],
        now=timezone.now(),
    )
