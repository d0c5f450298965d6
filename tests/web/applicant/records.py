"""Properties and units an applicant recorded through the records services (the applicant
pages list the properties a user recorded or applied for)."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from django.contrib.auth.models import User
from django.utils import timezone

from permitdesk.records.models import Unit
from permitdesk.records.services import BedroomInput, add_unit, create_property
from tests import factories

_parcels = count(1)
PLACES = {  # a city and state in each jurisdiction
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
    """A property in `slug` recorded by `owner`, with one unit and its bedrooms."""
    factories.jurisdiction(slug)
    city, state, zip_code = PLACES[slug]
    place = create_property(
        actor=owner,
        jurisdiction_slug=slug,
        parcel_id=f"T-{next(_parcels)}",
        address=f"{next(_parcels)} Test Ave",
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
