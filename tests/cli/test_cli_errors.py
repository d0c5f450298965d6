"""Bad input: exit status 2, nothing on stdout, and exactly one line on stderr that names the
fact (or option) at fault and what it allows."""

from __future__ import annotations

import pytest

from permitdesk.cli.main import main

SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the command, check it was refused as bad input, and return its one stderr line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 2, f"exit {code}; stderr: {err!r}"
    assert out == ""
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1, f"expected one line on stderr, got: {err!r}"
    return err


def quote(*facts: str, item: str = "building-permit", slug: str = "clayton-mo") -> list[str]:
    argv = ["quote", slug, item]
    for fact in facts:
        argv += ["--set", fact]
    return argv


# --- facts ----------------------------------------------------------------------------------


def test_it_exits_2_and_names_the_fact_when_a_choice_is_not_allowed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, *quote("unit_type=studio", item="residential-occupancy"))
    assert "unit_type" in err
    assert "studio" in err
    for choice in ("apartment", "condo", "duplex", "single-family", "mobile-home"):
        assert choice in err


def test_it_exits_2_and_lists_the_items_facts_when_a_fact_is_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, *quote("colour=red", "unit_type=condo", item="residential-occupancy"))
    assert "colour" in err
    for fact in ("unit_type", "occupied", "new_construction_first_tenancy"):
        assert fact in err


def test_it_exits_2_and_says_a_number_is_wanted_when_a_number_is_not_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, *quote("construction_cost=abc"))
    assert "construction_cost" in err
    assert "'abc'" in err
    assert "a number of at least 0.01" in err


@pytest.mark.parametrize("value", ["-5", "0", "0.001"])
def test_it_exits_2_and_gives_the_minimum_when_a_cost_is_too_small(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    err = refused(capsys, *quote(f"construction_cost={value}"))
    assert "construction_cost" in err
    assert "at least 0.01" in err
    assert "too small" in err


def test_it_exits_2_and_gives_the_minimum_when_a_count_is_negative(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, *quote("construction_cost=100", "inspections=-1"))
    assert "inspections" in err
    assert "a whole number of at least 0" in err


def test_it_exits_2_and_asks_for_a_whole_number_when_a_count_has_a_fraction(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, *quote("construction_cost=100", "inspections=1.5"))
    assert "inspections" in err
    assert "whole number" in err


def test_it_exits_2_and_gives_the_range_when_a_count_is_too_large(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys,
        *quote(
            "unit_type=condo",
            "inspections=21",
            item="re-occupancy-permit",
            slug="st-louis-county-mo",
        ),
    )
    assert "inspections" in err
    assert "from 1 to 20" in err
    assert "too large" in err


@pytest.mark.parametrize("value", ["NaN", "inf"])
def test_it_exits_2_when_a_number_is_not_finite(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    err = refused(capsys, *quote(f"construction_cost={value}"))
    assert "construction_cost" in err
    assert "a number" in err


def test_it_exits_2_with_one_line_when_a_cost_is_too_large_to_price(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # $1e30 of construction: the fee (12 × 1e27 thousands) does not fit the money arithmetic.
    # Whatever the product decides to allow, the answer is one line and exit 2, not a traceback.
    err = refused(capsys, *quote("construction_cost=1e30"))
    assert "construction_cost" in err


def test_it_exits_2_and_says_what_a_bool_fact_takes(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, *quote("total_demolition=maybe", item="demolition-permit"))
    assert "total_demolition" in err
    assert "true or false" in err


def test_it_exits_2_and_describes_a_required_fact_that_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, *quote())
    assert "construction_cost" in err
    assert "required" in err
    assert "a number of at least 0.01" in err


def test_it_exits_2_when_a_fact_is_given_twice(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, *quote("construction_cost=1", "construction_cost=2"))
    assert "construction_cost" in err
    assert "twice" in err


@pytest.mark.parametrize("pair", ["construction_cost", "=5"])
def test_it_exits_2_and_shows_the_form_when_set_has_no_fact_equals_value(
    capsys: pytest.CaptureFixture[str], pair: str
) -> None:
    err = refused(capsys, *quote(pair))
    assert "--set" in err
    assert "fact=value" in err
    assert repr(pair) in err


def test_it_exits_2_when_a_unit_type_is_a_choice_the_item_does_not_price(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys, *quote("unit_type=cabin", item="residential-occupancy"), "--on", "2026-01-01"
    )
    assert "unit_type" in err
    assert "cabin" in err
    assert "single-family" in err


# --- jurisdictions, items and dates ---------------------------------------------------------


@pytest.mark.parametrize("command", [["items", "nowhere"], ["quote", "nowhere", "building-permit"]])
def test_it_exits_2_and_lists_the_jurisdictions_when_one_is_unknown(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    err = refused(capsys, *command)
    assert "nowhere" in err
    for slug in SLUGS:
        assert slug in err


def test_it_exits_2_and_lists_the_items_when_an_item_is_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, "quote", "clayton-mo", "no-such-item")
    assert "no-such-item" in err
    for item in ("building-permit", "residential-occupancy", "electrical-permit"):
        assert item in err


def test_it_exits_2_and_gives_the_schedule_dates_for_a_date_before_the_schedule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys, *quote("unit_type=condo", item="residential-occupancy"), "--on", "2005-01-01"
    )
    assert "residential-occupancy" in err
    assert "not in force on 2005-01-01" in err
    assert "2010-08-01" in err
    assert "2016-01-01" in err


def test_it_exits_2_and_says_not_permitted_for_an_np_cell_of_the_construction_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys,
        *quote(
            "occupancy_group=parking-structure",
            "construction_class=VB",
            "volume_cuft=1000",
            item="building-permit-new-other",
        ),
    )
    assert "not permitted" in err
    assert "parking-structure" in err
    assert "VB" in err


@pytest.mark.parametrize("on", ["2026-13-01", "yesterday", "01/05/2026"])
def test_it_exits_2_and_shows_the_date_form_when_on_is_not_a_date(
    capsys: pytest.CaptureFixture[str], on: str
) -> None:
    err = refused(capsys, *quote("construction_cost=100"), "--on", on)
    assert "--on" in err
    assert "YYYY-MM-DD" in err
    assert repr(on) in err


# --- eligibility, deadlines and occupancy ---------------------------------------------------


def test_eligibility_exits_2_and_lists_the_events_when_an_event_is_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(capsys, "eligibility", "village-ord-08-457", "--set", "event=party")
    assert "event" in err
    assert "party" in err
    assert "lease" in err


def test_eligibility_exits_2_and_asks_for_the_building_size_of_an_apartment(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys,
        "eligibility",
        "village-ord-08-457",
        "--set",
        "event=lease",
        "--set",
        "unit_type=apartment",
        "--on",
        "2026-01-01",
    )
    assert "units_in_building" in err


def test_eligibility_exits_2_when_a_derived_fact_is_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys,
        "eligibility",
        "village-ord-08-457",
        "--set",
        "event=lease",
        "--set",
        "unit_class=type-i",
    )
    assert "unit_class" in err


def test_deadlines_exit_2_and_list_the_deadline_facts_when_a_fact_is_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys,
        "deadlines",
        "clayton-mo",
        "--set",
        "born_on=2026-01-01",
        "--now",
        "2026-07-01T09:00-05:00",
    )
    assert "born_on" in err
    assert "approved_on" in err


def test_deadlines_exit_2_and_show_the_date_form_when_a_date_fact_is_not_a_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(
        capsys,
        "deadlines",
        "clayton-mo",
        "--set",
        "approved_on=June",
        "--now",
        "2026-07-01T09:00-05:00",
    )
    assert "approved_on" in err
    assert "YYYY-MM-DD" in err


def test_deadlines_exit_2_when_now_is_not_a_time(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "deadlines", "clayton-mo", "--now", "garbage")
    assert "--now" in err
    assert "offset" in err


@pytest.mark.parametrize(
    ("bedroom", "wanted"),
    [
        ("abc", "AREA"),
        ("-5", "square feet"),
        ("100,attic", "basement, no-alarm, egress=SQFT"),
        ("100,basement,egress=abc", "egress=SQFT"),
    ],
)
def test_occupancy_exits_2_and_shows_the_bedroom_form_when_a_bedroom_is_malformed(
    capsys: pytest.CaptureFixture[str], bedroom: str, wanted: str
) -> None:
    err = refused(capsys, "occupancy", "st-louis-county-mo", f"--bedroom={bedroom}")
    assert "--bedroom" in err
    assert wanted in err


# --- usage errors (argparse) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["quote", "clayton-mo"], "item"),
        (["quote", "clayton-mo", "building-permit", "--set"], "--set"),
        (["quote", "clayton-mo", "building-permit", "--colour", "red"], "--colour"),
        (["frobnicate"], "quote"),
    ],
)
def test_a_usage_error_exits_2_with_one_line_naming_what_is_wrong(
    capsys: pytest.CaptureFixture[str], argv: list[str], wanted: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    assert stopped.value.code == 2
    assert out == ""
    assert len(err.splitlines()) == 1, f"expected one line on stderr, got: {err!r}"
    assert wanted in err
    assert "--help" in err


def test_a_call_in_process_leaves_the_callers_sigpipe_handling_alone() -> None:
    # SIG_DFL left behind would kill the caller on its next write to a closed pipe.
    import signal

    before = signal.getsignal(signal.SIGPIPE)
    assert main(["items", "clayton-mo"]) == 0
    assert signal.getsignal(signal.SIGPIPE) == before
