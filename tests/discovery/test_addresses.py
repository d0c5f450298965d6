"""The keys an address and a parcel id are matched by: spellings of one place agree."""

from __future__ import annotations

import pytest

from permitdesk.discovery.addresses import Unparseable, parcel_key, parse, unit_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("123 North Main Street", "123 N MAIN ST"),
        ("0123 N. Main St.", "123 North Main Street"),
        ("45 Pine Road", "45 PINE RD"),
        ("12 Elm Street West", "12 Elm St W"),
        ("77 Oak Avenue", "77 oak av"),
    ],
)
def test_spellings_of_one_street_share_a_key(one: str, other: str) -> None:
    assert parse(one).street_key == parse(other).street_key


def test_different_streets_have_different_keys() -> None:
    assert parse("123 N Main St").street_key != parse("123 S Main St").street_key
    assert parse("123 Main St").street_key != parse("124 Main St").street_key


@pytest.mark.parametrize(
    ("address", "unit", "expected"),
    [
        ("45 Pine Rd Apt 2-B", "", "2B"),
        ("45 Pine Rd #02b", "", "2B"),
        ("45 Pine Rd", "Unit 2B", "2B"),
        ("45 Pine Rd Apt 9", "2B", "2B"),  # the unit column wins
        ("45 Pine Rd", "", ""),
    ],
)
def test_the_unit_is_read_from_the_address_or_its_column(
    address: str, unit: str, expected: str
) -> None:
    assert parse(address, unit).unit == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [("21K-34-0012", "21K340012"), ("21k340012", "21K340012"), ("0033", "33"), (" 00-33 ", "33")],
)
def test_a_parcel_id_loses_its_punctuation_and_leading_zeros(text: str, key: str) -> None:
    assert parcel_key(text) == key


def test_a_unit_word_is_not_part_of_the_unit_number() -> None:
    assert unit_key("Apartment 4") == unit_key("APT #4") == unit_key("4") == "4"


@pytest.mark.parametrize("text", ["hello world", "PO Box 12", "", "Main Street", "The Old Mill"])
def test_an_address_without_number_and_street_is_unparseable(text: str) -> None:
    with pytest.raises(Unparseable, match="no house number and street name"):
        parse(text)
