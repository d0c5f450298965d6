"""Issue 20: each visit of the inspector's day sheet links to directions to its address, from
the maps provider the deployment sets (DIRECTIONS_PROVIDER); no map script on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from permitdesk.records.models import Property
from permitdesk.web.staff.directions import directions_url
from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.moments import central
from tests.web.staff.conftest import client_of

pytestmark = pytest.mark.django_db

ADDRESS = "10+N+Central+Ave%2C+Clayton%2C+MO+63105"


def place() -> Property:
    return Property(address="10 N Central Ave", city="Clayton", state="MO", zip_code="63105")


@pytest.mark.parametrize(
    ("provider", "url"),
    [
        ("google", f"https://www.google.com/maps/dir/?api=1&destination={ADDRESS}"),
        ("apple", f"https://maps.apple.com/?daddr={ADDRESS}"),
        ("openstreetmap", f"https://www.openstreetmap.org/search?query={ADDRESS}"),
        ("geo", "geo:0,0?q=10%20N%20Central%20Ave%2C%20Clayton%2C%20MO%2063105"),
    ],
)
def test_each_provider_builds_its_maps_url(settings: Any, provider: str, url: str) -> None:
    settings.DIRECTIONS_PROVIDER = provider
    assert directions_url(place()) == url


def test_an_unknown_provider_is_named_with_the_ones_allowed(settings: Any) -> None:
    settings.DIRECTIONS_PROVIDER = "bing"
    with pytest.raises(ImproperlyConfigured, match="'bing' is not one of: google, apple"):
        directions_url(place())


def test_the_day_sheet_links_each_visit_to_its_directions(
    who: factories.People, settings: Any, clock: Clock
) -> None:
    visits.visit(who)
    clock.set(central(visits.WEDNESDAY_MORNING))
    settings.DIRECTIONS_PROVIDER = "geo"
    page = client_of(who.inspector).get("/staff/inspections/today/?ahead=1").content.decode()
    assert "geo:0,0?q=" not in page  # that day has no visit
    page = client_of(who.inspector).get("/staff/inspections/today/").content.decode()
    assert 'href="geo:0,0?q=10%20N%20Central%20Ave%2C%20Clayton%2C%20MO%2063105"' in page
    assert 'Directions<span class="usa-sr-only"> to 10 N Central Ave (opens the map)' in page
