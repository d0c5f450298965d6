"""`permitdesk eligibility`, `deadlines`, `occupancy` and `packs check`.

Expected answers come from the source documents: Village Ord. No. 08-457 (seed 003) exempts
Type II units (apartments in buildings of three or more units) from the re-occupancy permit
but not from the 30-day change-of-occupancy report; Clayton approvals are valid 90 days
(seed 000); St. Louis County wants the occupants' names within 120 days of compliance and
counts 70 square feet per bedroom (seed 004); Clayton's documents set no bedroom standard.
Periods exclude the start day (RSMo 1.040): 90 days from June 1 ends August 30.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from permitdesk.cli.main import main

SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]
NOW = "2026-07-01T09:00-05:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


def findings(capsys: pytest.CaptureFixture[str], slug: str, *facts: str) -> dict[str, Any]:
    argv = ["eligibility", slug, "--on", "2026-01-01"]
    for fact in facts:
        argv += ["--set", fact]
    data = as_json(capsys, *argv)
    return {f["obligation"]: f for f in data["findings"]}


def deadlines(capsys: pytest.CaptureFixture[str], slug: str, *facts: str) -> dict[str, Any]:
    argv = ["deadlines", slug, "--now", NOW]
    for fact in facts:
        argv += ["--set", fact]
    data = as_json(capsys, *argv)
    return {d["id"]: d for d in data["deadlines"]}


# --- eligibility ----------------------------------------------------------------------------


def test_leasing_an_apartment_in_a_12_unit_building_needs_no_village_re_occupancy_permit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = findings(
        capsys,
        "village-ord-08-457",
        "event=lease",
        "unit_type=apartment",
        "units_in_building=12",
    )
    assert found["re-occupancy-permit"]["required"] is False
    assert "Type II" in found["re-occupancy-permit"]["reason"]


def test_leasing_an_apartment_in_a_12_unit_building_still_needs_the_change_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = findings(
        capsys,
        "village-ord-08-457",
        "event=lease",
        "unit_type=apartment",
        "units_in_building=12",
    )
    assert found["change-of-occupancy-report"]["required"] is True


def test_leasing_a_duplex_unit_needs_a_village_re_occupancy_permit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = findings(capsys, "village-ord-08-457", "event=lease", "unit_type=duplex")
    assert found["re-occupancy-permit"]["required"] is True
    assert found["re-occupancy-permit"]["fee_item"] == "occupancy-permit"


def test_each_eligibility_finding_carries_a_citation_and_an_iso_effective_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = findings(capsys, "village-ord-08-457", "event=lease", "unit_type=duplex")
    for finding in found.values():
        assert "Ordinance No. 08-457" in finding["citation"], finding
        assert finding["effective"] == "2008-07-14"


def test_the_eligibility_table_marks_what_is_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys,
        "eligibility",
        "village-ord-08-457",
        "--set",
        "event=lease",
        "--set",
        "unit_type=duplex",
        "--on",
        "2026-01-01",
    )
    assert code == 0, err
    assert "[REQUIRED] Occupancy or re-occupancy permit for a Type I unit" in out


# --- deadlines ------------------------------------------------------------------------------


def test_a_clayton_approval_of_june_1_is_valid_through_august_30(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = deadlines(capsys, "clayton-mo", "approved_on=2026-06-01")
    assert found["approval-valid-through"]["due"] == "2026-08-30"
    assert found["approval-valid-through"]["days_left"] == 60


def test_st_louis_county_wants_occupant_names_120_days_after_a_march_1_compliance(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = deadlines(capsys, "st-louis-county-mo", "approved_on=2026-03-01")
    assert found["occupant-names-due"]["due"] == "2026-06-29"
    assert found["occupant-names-due"]["status"] == "passed"


def test_the_deadlines_json_echoes_now_with_its_offset(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = as_json(
        capsys, "deadlines", "clayton-mo", "--set", "approved_on=2026-06-01", "--now", NOW
    )
    assert data["now"] == "2026-07-01T09:00:00-05:00"


def test_the_deadlines_table_shows_the_due_date_and_its_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "deadlines", "clayton-mo", "--set", "approved_on=2026-06-01", "--now", NOW
    )
    assert code == 0, err
    assert "2026-08-30" in out
    assert "90 days" in out


def test_a_now_without_an_offset_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys,
        "deadlines",
        "clayton-mo",
        "--set",
        "approved_on=2026-06-01",
        "--now",
        "2026-07-01T09:00",
    )
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "--now" in err
    assert "offset" in err


# --- occupancy ------------------------------------------------------------------------------


def test_a_140_and_a_69_square_foot_bedroom_allow_two_occupants_in_st_louis_county(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = as_json(capsys, "occupancy", "st-louis-county-mo", "--bedroom", "140", "--bedroom", "69")
    assert data["max_occupants"] == 2
    assert [b["qualifies"] for b in data["bedrooms"]] == [True, False]
    assert [b["occupants"] for b in data["bedrooms"]] == [2, 0]


def test_clayton_reports_no_occupant_limit(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "occupancy", "clayton-mo", "--bedroom", "140")
    assert data["max_occupants"] is None
    assert data["bedrooms"] == []


# --- packs check ----------------------------------------------------------------------------


def test_packs_check_exits_0_and_says_ok_for_all_four_packs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "packs", "check")
    assert code == 0, out + err
    assert out.splitlines() == [f"{slug}: ok" for slug in SLUGS]


def test_packs_check_json_says_every_pack_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "packs", "check")
    assert data["packs"] == [{"jurisdiction": s, "ok": True, "error": None} for s in SLUGS]
