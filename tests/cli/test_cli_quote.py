"""`permitdesk quote`: an itemised, cited fee quote, as a table or as stable JSON.

Expected amounts come from the August 2010 Clayton fee schedule (seed 002) and the later
occupancy process (seed 000): a building permit is $30 application + $30 per inspection +
$12 per started $1,000; residential occupancy was a flat $60 under the 2010 schedule and is
$80 for a single-family unit under the process document; a demolition permit is $80 + the
$30 application fee ($110), with a $1,000 refundable deposit for a total demolition.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from permitdesk.cli.main import main

AMOUNT = re.compile(r"^\d+\.\d{2}$")
BUILDING_PERMIT = [
    "quote",
    "clayton-mo",
    "building-permit",
    "--set",
    "construction_cost=10500",
    "--on",
    "2026-01-05",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def quote_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


def is_iso_date(text: object) -> bool:
    return isinstance(text, str) and dt.date.fromisoformat(text).isoformat() == text


# --- the JSON shape -------------------------------------------------------------------------


def test_its_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = quote_json(capsys, *BUILDING_PERMIT)
    for key in ("jurisdiction", "item", "on", "effective", "lines", "total", "deposits"):
        assert key in data, key
    assert data["jurisdiction"] == "clayton-mo"
    assert data["item"] == "building-permit"
    assert isinstance(data["lines"], list)


def test_its_json_gives_every_amount_as_a_string_with_two_decimals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = quote_json(capsys, *BUILDING_PERMIT)
    amounts = [data["total"], data["deposits"]]
    amounts += [line[key] for line in data["lines"] for key in ("rate", "amount")]
    for amount in amounts:
        assert isinstance(amount, str), amount
        assert AMOUNT.match(amount), amount


def test_its_json_gives_every_date_in_iso_form(capsys: pytest.CaptureFixture[str]) -> None:
    data = quote_json(capsys, *BUILDING_PERMIT)
    assert data["on"] == "2026-01-05"
    assert data["effective"] == "2010-08-01"
    for line in data["lines"]:
        assert is_iso_date(line["effective"]), line


def test_its_json_is_the_same_text_every_time(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, *BUILDING_PERMIT, "--json")
    second = run(capsys, *BUILDING_PERMIT, "--json")
    assert first == second
    assert list(json.loads(first[1])) == list(json.loads(second[1]))


# --- Clayton's amounts ----------------------------------------------------------------------


def test_a_10500_dollar_building_permit_totals_192_dollars(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = quote_json(capsys, *BUILDING_PERMIT)
    assert data["total"] == "192.00"
    assert data["deposits"] == "0.00"


def test_a_10500_dollar_building_permit_is_application_inspection_and_11_thousands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = {line["id"]: line for line in quote_json(capsys, *BUILDING_PERMIT)["lines"]}
    assert lines["application"]["amount"] == "30.00"
    assert lines["inspections"]["amount"] == "30.00"
    assert lines["construction-cost"]["quantity"] == "11"
    assert lines["construction-cost"]["rate"] == "12.00"
    assert lines["construction-cost"]["amount"] == "132.00"
    assert sum(Decimal(line["amount"]) for line in lines.values()) == Decimal("192.00")


def test_residential_occupancy_of_a_house_costs_60_dollars_under_the_2010_schedule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = quote_json(
        capsys,
        "quote",
        "clayton-mo",
        "residential-occupancy",
        "--set",
        "unit_type=single-family",
        "--on",
        "2012-01-01",
    )
    assert data["total"] == "60.00"
    assert data["effective"] == "2010-08-01"


def test_residential_occupancy_of_a_house_costs_80_dollars_under_the_process_document(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = quote_json(
        capsys,
        "quote",
        "clayton-mo",
        "residential-occupancy",
        "--set",
        "unit_type=single-family",
        "--on",
        "2026-01-01",
    )
    assert data["total"] == "80.00"
    assert data["effective"] == "2016-01-01"


def test_a_total_demolition_costs_110_dollars_plus_a_1000_dollar_deposit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = quote_json(
        capsys, "quote", "clayton-mo", "demolition-permit", "--set", "total_demolition=true"
    )
    assert data["total"] == "110.00"
    assert data["deposits"] == "1000.00"
    deposit = [line for line in data["lines"] if line["kind"] == "deposit"]
    assert [line["amount"] for line in deposit] == ["1000.00"]


def test_a_partial_demolition_takes_no_deposit(capsys: pytest.CaptureFixture[str]) -> None:
    data = quote_json(capsys, "quote", "clayton-mo", "demolition-permit")
    assert data["total"] == "110.00"
    assert data["deposits"] == "0.00"


# --- the table ------------------------------------------------------------------------------


def test_the_table_states_the_total_in_dollars(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *BUILDING_PERMIT)
    assert code == 0, err
    assert "Total fees: $192.00" in out.splitlines()


def test_the_table_cites_the_august_2010_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *BUILDING_PERMIT)
    assert code == 0
    lines = out.splitlines()
    citations = lines[lines.index("Citations:") + 1 :]
    assert any("August 2010" in line for line in citations), out


def test_the_table_shows_the_reasoning_for_counting_each_started_thousand(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, *BUILDING_PERMIT)
    assert any(line.strip().startswith("why:") for line in out.splitlines()), out


def test_the_table_shows_a_refundable_deposit_apart_from_the_fees(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "quote", "clayton-mo", "demolition-permit", "--set", "total_demolition=true"
    )
    assert code == 0
    assert "Total fees: $110.00" in out
    assert "Refundable deposits (apart from fees): $1,000.00" in out


# --- a referral -----------------------------------------------------------------------------


def test_the_electrical_permit_refers_to_st_louis_county_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "quote", "clayton-mo", "electrical-permit")
    assert code == 0, err
    assert err == ""
    assert "St. Louis County" in out


def test_the_electrical_permit_json_has_a_referral_and_no_fee_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = quote_json(capsys, "quote", "clayton-mo", "electrical-permit")
    assert "St. Louis County" in data["referral"]
    assert data["lines"] == []
    assert data["total"] == "0.00"


# --- the console entry point ----------------------------------------------------------------


def test_the_module_runs_as_a_command_and_prints_the_same_quote() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "permitdesk.cli.main", *BUILDING_PERMIT, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert data["total"] == "192.00"
    assert data["on"] == "2026-01-05"
