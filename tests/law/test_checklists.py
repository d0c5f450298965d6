"""The inspector's checklists (checklist.yaml): every item cites one of its own pack's
sources, names a term that exists where it checks a figure, and a jurisdiction whose
documents are silent on an item says so; a broken checklist is an error naming its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from permitdesk.law.loader import PACKS_DIR, PackError, get_pack, load_pack

SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]
# What issue 4 asks every checklist to cover, by item key.
REQUIRED = {
    "smoke-alarm-bedroom",
    "smoke-alarm-hallways",
    "smoke-alarm-livable-areas",
    "bedroom-area",
    "basement-egress",
    "plumbing",
    "roofing",
    "gutters",
    "wiring",
}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_checklist_covers_the_items_and_cites_its_own_sources(slug: str) -> None:
    pack = get_pack(slug)
    items = pack.checklist.items
    assert set(items) >= REQUIRED
    stray = [
        key for key, item in items.items() if item.citation.doc not in pack.jurisdiction.sources
    ]
    assert stray == []


@pytest.mark.parametrize("slug", SLUGS)
def test_a_standard_is_a_term_of_the_pack(slug: str) -> None:
    pack = get_pack(slug)
    for item in pack.checklist.items.values():
        if item.standard is not None:
            assert pack.has_term(item.standard)


@pytest.mark.parametrize("slug", ["clayton-mo", "st-clair-county-il"])
def test_where_the_documents_set_no_bedroom_area_the_checklist_says_so(slug: str) -> None:
    item = get_pack(slug).checklist.items["bedroom-area"]
    assert item.standard is None
    assert item.note is not None
    assert "no" in item.note.lower()


def test_st_louis_county_checks_bedrooms_against_its_70_square_feet() -> None:
    pack = get_pack("st-louis-county-mo")
    assert pack.checklist.items["bedroom-area"].standard == "bedroom_min_area_sqft"
    assert pack.checklist.items["basement-egress"].per == "basement-bedroom"


def test_a_checklist_naming_an_unknown_term_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "packs"
    shutil.copytree(PACKS_DIR, root)
    path = root / "st-louis-county-mo" / "checklist.yaml"
    text = path.read_text().replace("standard: bedroom_min_area_sqft", "standard: bedroom_minimum")
    path.write_text(text)
    with pytest.raises(PackError) as raised:
        load_pack("st-louis-county-mo", root)
    line = text.splitlines().index("    standard: bedroom_minimum") + 1
    assert raised.value.line == line
    assert "'bedroom_minimum' is not a term of st-louis-county-mo" in str(raised.value)


def test_a_checklist_item_needs_a_citation(tmp_path: Path) -> None:
    root = tmp_path / "packs"
    shutil.copytree(PACKS_DIR, root)
    path = root / "clayton-mo" / "checklist.yaml"
    path.write_text("items:\n  plumbing:\n    label: Plumbing\n    effective: 2016-01-01\n")
    with pytest.raises(PackError, match=r"items\.plumbing\.citation: Field required"):
        load_pack("clayton-mo", root)
