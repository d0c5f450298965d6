"""Addresses and parcel ids as they are matched: parsed by usaddress (its CRF model, not a
hand-written parser) and written in the USPS abbreviations of scourgify's tables (Publication
28: STREET is ST, NORTH is N), so "0123 North Main Street Apt. 4-b" and "123 N MAIN ST #4B"
give the same keys. No database here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import usaddress
from scourgify.address_constants import (
    DIRECTIONAL_REPLACEMENTS,
    OCCUPANCY_TYPE_ABBREVIATIONS,
    STREET_TYPE_ABBREVIATIONS,
)

NOT_ALNUM = re.compile(r"[^0-9A-Z]")
UNIT_WORDS = {*OCCUPANCY_TYPE_ABBREVIATIONS, *OCCUPANCY_TYPE_ABBREVIATIONS.values(), "NO"}
STREET_PARTS = (
    "StreetNamePreModifier",
    "StreetNamePreDirectional",
    "StreetNamePreType",
    "StreetName",
    "StreetNamePostType",
    "StreetNamePostDirectional",
)


class Unparseable(ValueError):
    """An address with no house number and street name that usaddress can find."""


@dataclass(frozen=True)
class Place:
    """An address's keys: the number, the street (USPS words), the unit and the ZIP code."""

    number: str
    street: str
    unit: str
    zip_code: str

    @property
    def street_key(self) -> str:
        """The number and street: what two spellings of one building share."""
        return f"{self.number} {self.street}"


def parcel_key(text: str) -> str:
    """A parcel id without its punctuation, spaces and leading zeros: "06K-34.0012" and
    "06K340012" are one parcel."""
    return NOT_ALNUM.sub("", text.upper()).lstrip("0")


def unit_key(text: str) -> str:
    """A unit number without its word ("Apt", "Unit", "#"), punctuation or leading zeros."""
    words = text.upper().replace("#", " ").replace(".", " ").split()
    kept = [w for w in words if w not in UNIT_WORDS]
    return NOT_ALNUM.sub("", "".join(kept)).lstrip("0")


def _word(part: str, value: str) -> str:
    value = " ".join(value.upper().replace(".", "").replace(",", "").split())
    if part.endswith("Directional"):
        return str(DIRECTIONAL_REPLACEMENTS.get(value, value))
    if part in ("StreetNamePostType", "StreetNamePreType"):
        return str(STREET_TYPE_ABBREVIATIONS.get(value, value))
    return value


@lru_cache(maxsize=65536)
def parse(address: str, unit: str = "", zip_code: str = "") -> Place:
    """The keys of `address` (a street address, with its unit, city and ZIP where given); a
    separate `unit` or `zip_code` wins over one found in the address. Raises Unparseable."""
    try:
        tagged, _ = usaddress.tag(address)
    except usaddress.RepeatedLabelError as error:
        raise Unparseable(f"'{address}' reads as more than one address") from error
    number = NOT_ALNUM.sub("", tagged.get("AddressNumber", "").upper()).lstrip("0")
    street = " ".join(_word(p, tagged[p]) for p in STREET_PARTS if tagged.get(p))
    if not any(c.isdigit() for c in number) or not tagged.get("StreetName"):
        raise Unparseable(f"'{address}' has no house number and street name")
    found_unit = " ".join(
        tagged.get(p, "") for p in ("OccupancyType", "OccupancyIdentifier", "SubaddressIdentifier")
    )
    found_zip = tagged.get("ZipCode", "")
    return Place(
        number=number,
        street=street,
        unit=unit_key(unit or found_unit),
        zip_code=(zip_code or found_zip).strip()[:5],
    )
