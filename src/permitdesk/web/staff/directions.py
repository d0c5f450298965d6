"""The directions link of a visit: a maps URL built from the property's address, opened by
the phone's browser or map app. A link only: no map script on the page, no API key.

The provider is the deployment's DIRECTIONS_PROVIDER (a display choice, not a rule): the
default, Google's maps URL (https://developers.google.com/maps/documentation/urls/get-started),
works in any phone's browser and opens the Google Maps app where installed; `apple` opens
Apple Maps on an iPhone (and its web map elsewhere); `openstreetmap` searches the address on
openstreetmap.org; `geo` is the geo: URI (RFC 5870, with the `q=` query Android's map apps
read), which hands the address to the phone's own map app but does nothing on a desktop."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from permitdesk.records.models import Property


def _google(address: str) -> str:
    return "https://www.google.com/maps/dir/?" + urlencode({"api": 1, "destination": address})


def _apple(address: str) -> str:
    return "https://maps.apple.com/?" + urlencode({"daddr": address})


def _openstreetmap(address: str) -> str:
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


def _geo(address: str) -> str:
    return "geo:0,0?q=" + quote(address, safe="")


PROVIDERS: dict[str, Callable[[str], str]] = {
    "google": _google,
    "apple": _apple,
    "openstreetmap": _openstreetmap,
    "geo": _geo,
}


def full_address(place: Property) -> str:
    return f"{place.address}, {place.city}, {place.state} {place.zip_code}"


def directions_url(place: Property) -> str:
    """The maps URL of the property's address from the configured provider."""
    name = settings.DIRECTIONS_PROVIDER
    provider = PROVIDERS.get(name)
    if provider is None:
        raise ImproperlyConfigured(
            f"DIRECTIONS_PROVIDER {name!r} is not one of: {', '.join(PROVIDERS)}"
        )
    return provider(full_address(place))
