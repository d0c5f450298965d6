"""A unit is keyed once, and again when its property's address or its label changes."""

from __future__ import annotations

from permitdesk.discovery.keys import refresh_place_keys
from permitdesk.discovery.models import PlaceKey
from tests.discovery.conftest import NOW, County


def test_units_are_keyed_once_and_again_when_the_address_changes(county: County) -> None:
    assert refresh_place_keys(jurisdiction=county.jurisdiction, actor=None, now=NOW) == 0
    home = county.units["77 Oak Ave"]
    home.property.address = "79 Oak Avenue"
    home.property.save(update_fields=["address"])
    assert refresh_place_keys(jurisdiction=county.jurisdiction, actor=None, now=NOW) == 1
    key = PlaceKey.objects.get(unit=home)
    assert (key.street_key, key.parcel_key) == ("79 OAK AVE", "33")


def test_a_unit_with_an_unreadable_address_is_keyed_by_its_parcel_alone(county: County) -> None:
    home = county.units["12 Elm Street"]
    home.property.address = "The Old Mill"
    home.property.save(update_fields=["address"])
    refresh_place_keys(jurisdiction=county.jurisdiction, actor=None, now=NOW)
    key = PlaceKey.objects.get(unit=home)
    assert (key.street_key, key.parcel_key) == ("", "19J220101")
