"""`permitdesk items JURISDICTION`: every fee item of a pack, and the facts each one asks for.

The expected item slugs and facts are read straight from each pack's fees.yaml with plain
`yaml.safe_load`, not through the product's loader, so a loader that dropped an item or a fact
would be caught here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from permitdesk.cli.main import main

PACKS = Path(__file__).resolve().parents[2] / "src" / "permitdesk" / "packs"
SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]

OCCUPANCY_GROUPS = [
    "theatre-with-stage",
    "movie-theatre",
    "dance-hall-night-club",
    "restaurant",
    "churches",
    "schools",
    "coliseum-gym-with-roof",
    "office-building",
    "museum-library-etc",
    "building-for-detention",
    "hospital-and-clinics",
    "store",
    "hotel-lodging-house",
    "apartment-house",
    "dormitory-lodging-house",
    "one-and-two-family",
    "private-garage-accessory-building",
    "garage-auto-repair",
    "parking-structure",
    "freight-terminal-with-dock",
    "factory-or-warehouse",
]
CONSTRUCTION_CLASSES = ["IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IV", "VA", "VB"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def raw_items(slug: str) -> dict[str, Any]:
    """The `items:` mapping of a pack's fees.yaml, as plain YAML sees it."""
    data = yaml.safe_load((PACKS / slug / "fees.yaml").read_text(encoding="utf-8"))
    items: dict[str, Any] = data["items"]
    return items


def items_json(capsys: pytest.CaptureFixture[str], slug: str, *extra: str) -> dict[str, Any]:
    code, out, err = run(capsys, "items", slug, "--json", *extra)
    assert code == 0, err
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


def by_item(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["item"]: entry for entry in data["items"]}


def facts_of(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {fact["name"]: fact for fact in entry["facts"]}


def test_the_packs_under_test_are_exactly_the_four_shipped_jurisdictions() -> None:
    shipped = sorted(p.name for p in PACKS.iterdir() if (p / "jurisdiction.yaml").is_file())
    assert shipped == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_it_lists_every_item_slug_of_the_pack_in_the_table(
    capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    code, out, err = run(capsys, "items", slug)
    assert code == 0, err
    assert err == ""
    listed = {line.split()[0] for line in out.splitlines() if line and not line[0].isspace()}
    for item in raw_items(slug):
        assert item in listed, f"{item} missing from `permitdesk items {slug}`"


@pytest.mark.parametrize("slug", SLUGS)
def test_its_json_lists_every_item_slug_of_the_pack_once_in_file_order(
    capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    data = items_json(capsys, slug)
    assert data["jurisdiction"] == slug
    assert [entry["item"] for entry in data["items"]] == list(raw_items(slug))


@pytest.mark.parametrize("slug", SLUGS)
def test_its_json_gives_each_items_facts_with_name_type_and_choices(
    capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    listed = by_item(items_json(capsys, slug))
    for item, raw in raw_items(slug).items():
        expected = {
            name: (spec["type"], spec.get("choices"))
            for name, spec in (raw.get("facts") or {}).items()
        }
        got = {fact["name"]: (fact["type"], fact["choices"]) for fact in listed[item]["facts"]}
        assert got == expected, f"facts of {slug} {item}"


def test_claytons_items_include_occupancy_building_mechanical_and_electrical_permits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = by_item(items_json(capsys, "clayton-mo"))
    for item in (
        "residential-occupancy",
        "building-permit-new-other",
        "mechanical-permit",
        "electrical-permit",
    ):
        assert item in listed


def test_claytons_new_construction_item_asks_for_one_of_21_occupancy_groups(
    capsys: pytest.CaptureFixture[str],
) -> None:
    facts = facts_of(by_item(items_json(capsys, "clayton-mo"))["building-permit-new-other"])
    group = facts["occupancy_group"]
    assert group["type"] == "choice"
    assert len(group["choices"]) == 21
    assert group["choices"] == OCCUPANCY_GROUPS


def test_claytons_new_construction_item_asks_for_a_construction_class_from_ia_to_vb(
    capsys: pytest.CaptureFixture[str],
) -> None:
    facts = facts_of(by_item(items_json(capsys, "clayton-mo"))["building-permit-new-other"])
    assert facts["construction_class"]["type"] == "choice"
    assert facts["construction_class"]["choices"] == CONSTRUCTION_CLASSES
    assert facts["volume_cuft"]["type"] == "decimal"
    assert facts["volume_cuft"]["choices"] is None


def test_the_electrical_referral_item_asks_for_no_facts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert by_item(items_json(capsys, "clayton-mo"))["electrical-permit"]["facts"] == []


def test_the_table_shows_each_fact_as_a_set_option_with_what_it_allows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "items", "clayton-mo", "--on", "2026-01-01")
    assert code == 0
    assert "--set unit_type=…  one of: apartment, condo, duplex, single-family, mobile-home" in out
    assert "--set construction_class=…  one of: IA, IB, IIA, IIB, IIIA, IIIB, IV, VA, VB" in out


def test_its_json_reports_the_date_asked_and_marks_items_in_force_then(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = items_json(capsys, "clayton-mo", "--on", "2026-01-01")
    assert data["on"] == "2026-01-01"
    residential = by_item(data)["residential-occupancy"]
    assert residential["in_force"] is True
    assert residential["versions"] == ["2010-08-01", "2016-01-01"]


def test_items_before_the_2010_schedule_are_marked_not_yet_in_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = items_json(capsys, "clayton-mo", "--on", "2005-01-01")
    assert by_item(data)["building-permit"]["in_force"] is False
    code, out, _ = run(capsys, "items", "clayton-mo", "--on", "2005-01-01")
    assert code == 0
    assert "building-permit  (not yet in force)" in out.splitlines()
