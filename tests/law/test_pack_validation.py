"""A broken pack is refused with an error that says where and what: `file:line: key: problem`.

Each test copies the shipped packs into a temporary folder, breaks one thing in one file, and
loads the pack from the copy. The expected line is found by searching the broken file for the
text that was changed, never written down by hand.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from permitdesk.law.loader import PACKS_DIR, PackError, load_pack, pack_slugs

SLUGS = ["clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"]


def copy_packs(tmp_path: Path) -> Path:
    shutil.copytree(PACKS_DIR, tmp_path, dirs_exist_ok=True)
    return tmp_path


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times, not once"
        return text.replace(old, new)

    return change


def line_of(text: str, mark: str) -> int:
    """The 1-based line on which `mark` (which must occur once) begins."""
    assert text.count(mark) == 1, f"{mark!r} occurs {text.count(mark)} times, not once"
    return text[: text.index(mark)].count("\n") + 1


def break_pack(
    tmp_path: Path, slug: str, file: str, change: Callable[[str], str], mark: str
) -> tuple[Path, int]:
    """Break `file` of `slug` in a copy of the packs; the path and the line of `mark`."""
    root = copy_packs(tmp_path)
    path = root / slug / file
    broken = change(path.read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")
    return path, line_of(broken, mark)


def refusal(tmp_path: Path, slug: str) -> PackError:
    with pytest.raises(PackError) as caught:
        load_pack(slug, root=tmp_path)
    return caught.value


def assert_points_at(error: PackError, path: Path, line: int, key: str, problem: str) -> None:
    message = str(error)
    assert message.startswith(f"{path}:{line}: {key}"), message
    assert problem in message, message
    assert error.path == path
    assert error.line == line


# --- the unbroken copy ----------------------------------------------------------------------


def test_the_copy_holds_the_four_shipped_packs(tmp_path: Path) -> None:
    assert pack_slugs(copy_packs(tmp_path)) == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_an_unbroken_copy_loads_to_the_same_pack_as_the_shipped_one(
    tmp_path: Path, slug: str
) -> None:
    copy_packs(tmp_path)
    assert load_pack(slug, root=tmp_path) == load_pack(slug)


# --- schema errors --------------------------------------------------------------------------


def test_an_unknown_key_under_an_item_is_refused_as_an_extra_input(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "clayton-mo",
        "fees.yaml",
        replace_once(
            "    title: Demolition permit\n", "    title: Demolition permit\n    colour: red\n"
        ),
        "colour: red",
    )
    error = refusal(tmp_path, "clayton-mo")
    assert_points_at(
        error, path, line, "items.demolition-permit.colour", "Extra inputs are not permitted"
    )


def test_a_negative_fee_amount_is_refused_at_its_rate(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "st-clair-county-il",
        "fees.yaml",
        replace_once(
            "label: Re-inspection / no access, rate: 50.00}",
            "label: Re-inspection / no access, rate: -50.00}",
        ),
        "rate: -50.00",
    )
    error = refusal(tmp_path, "st-clair-county-il")
    assert_points_at(
        error,
        path,
        line,
        "items.re-inspection.versions.0.lines.0.rate",
        "greater than or equal to 0",
    )


def test_a_single_negative_fee_amount_is_reported_as_one_problem_not_several(
    tmp_path: Path,
) -> None:
    # A rate may be an amount, a rate by fact or a table lookup; the two shapes the value was
    # never meant to be are not further problems in the file.
    break_pack(
        tmp_path,
        "st-clair-county-il",
        "fees.yaml",
        replace_once(
            "label: Re-inspection / no access, rate: 50.00}",
            "label: Re-inspection / no access, rate: -50.00}",
        ),
        "rate: -50.00",
    )
    error = refusal(tmp_path, "st-clair-county-il")
    assert "more problem" not in str(error), str(error)


def test_a_rate_table_row_with_too_few_rates_is_refused_at_that_row(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "clayton-mo",
        "fees.yaml",
        replace_once("19.48, 18.36]}", "19.48]}"),
        "restaurant: {label",
    )
    error = refusal(tmp_path, "clayton-mo")
    assert_points_at(
        error, path, line, "tables.type-of-construction", "row restaurant has 8 rates for 9 columns"
    )


def test_a_term_with_no_values_is_refused(tmp_path: Path) -> None:
    def empty_who_pays(text: str) -> str:
        emptied, count = re.subn(
            r"(  who_pays:\n(?:    .*\n)*?)    values:\n(?:      .*\n)+",
            r"\1    values: []\n",
            text,
            count=1,
        )
        assert count == 1
        return emptied

    path, line = break_pack(
        tmp_path, "st-louis-county-mo", "terms.yaml", empty_who_pays, "values: []"
    )
    error = refusal(tmp_path, "st-louis-county-mo")
    assert_points_at(error, path, line, "terms.who_pays.values", "at least 1 item")


# --- YAML errors ----------------------------------------------------------------------------


def test_a_duplicate_key_is_refused_at_its_second_occurrence(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "st-louis-county-mo",
        "terms.yaml",
        replace_once("        value: 2\n", "        value: 2\n        value: 3\n"),
        "value: 3\n",  # not the 30 of sale_application_deadline
    )
    error = refusal(tmp_path, "st-louis-county-mo")
    assert str(error).startswith(f"{path}:{line}: "), str(error)
    assert f"duplicate key 'value' (first on line {line - 1})" in str(error)
    assert error.line == line


def test_invalid_yaml_is_refused_at_the_line_that_breaks_it(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "st-louis-county-mo",
        "jurisdiction.yaml",
        replace_once("name: St. Louis County, Missouri", "name: St. Louis County: Missouri"),
        "name: St. Louis County: Missouri",
    )
    error = refusal(tmp_path, "st-louis-county-mo")
    assert str(error).startswith(f"{path}:{line}: "), str(error)
    assert "mapping values are not allowed here" in str(error)


# --- checks across a pack -------------------------------------------------------------------


@pytest.mark.parametrize("doc", ["clayton-fee-schedule-2010", "no-such-doc"])
def test_a_term_citing_a_document_that_is_not_a_source_of_the_pack_is_refused(
    tmp_path: Path, doc: str
) -> None:
    path, line = break_pack(
        tmp_path,
        "st-louis-county-mo",
        "terms.yaml",
        replace_once(
            '{doc: st-louis-county-reoccupancy-2007, section: "¶7 — $80 for the initial',
            f'{{doc: {doc}, section: "¶7 — $80 for the initial',
        ),
        f"{doc}, section",
    )
    error = refusal(tmp_path, "st-louis-county-mo")
    assert_points_at(
        error,
        path,
        line,
        "terms.inspections_included.values.0.citation.doc",
        f"cites '{doc}', which is not one of this pack's sources: st-louis-county-reoccupancy-2007",
    )


def test_a_fee_line_citing_a_document_that_is_not_a_source_of_the_pack_is_refused(
    tmp_path: Path,
) -> None:
    path, line = break_pack(
        tmp_path,
        "village-ord-08-457",
        "fees.yaml",
        replace_once(
            'citation: {doc: st-louis-county-reoccupancy-2007, section: "¶7 — $40',
            'citation: {doc: clayton-occupancy-process, section: "¶7 — $40',
        ),
        "clayton-occupancy-process",
    )
    error = refusal(tmp_path, "village-ord-08-457")
    assert_points_at(
        error,
        path,
        line,
        "items.occupancy-permit.versions.0.lines.1.citation.doc",
        "cites 'clayton-occupancy-process', which is not one of this pack's sources",
    )


def test_a_fee_line_counting_an_undeclared_fact_is_refused(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "st-louis-county-mo",
        "fees.yaml",
        replace_once("{fact: inspections, beyond: 2}", "{fact: visits, beyond: 2}"),
        "fact: visits",
    )
    error = refusal(tmp_path, "st-louis-county-mo")
    assert_points_at(
        error,
        path,
        line,
        "items.re-occupancy-permit.versions.0.lines.1.quantity.fact",
        "fact 'visits' is not declared in the item's facts: inspections, unit_type",
    )


def test_a_fee_line_conditioned_on_an_undeclared_fact_is_refused(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "clayton-mo",
        "fees.yaml",
        replace_once(
            "when: {total_demolition: true, minor_structure: false}",
            "when: {total_demo: true, minor_structure: false}",
        ),
        "total_demo: true",
    )
    error = refusal(tmp_path, "clayton-mo")
    assert_points_at(
        error,
        path,
        line,
        "items.demolition-permit.versions.0.lines.2.when.total_demo",
        "fact 'total_demo' is not declared in the item's facts: minor_structure, total_demolition",
    )


def test_a_bad_time_zone_is_refused(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "clayton-mo",
        "jurisdiction.yaml",
        replace_once("time_zone: America/Chicago", "time_zone: America/Chicgo"),
        "time_zone:",
    )
    error = refusal(tmp_path, "clayton-mo")
    assert_points_at(error, path, line, "time_zone", "unknown time zone 'America/Chicgo'")


def test_two_versions_of_an_item_taking_effect_on_one_date_are_refused_at_the_item(
    tmp_path: Path,
) -> None:
    # The problem is the pair, so the error points at the item that holds both versions.
    path, line = break_pack(
        tmp_path,
        "clayton-mo",
        "fees.yaml",
        replace_once("      - effective: 2016-01-01\n", "      - effective: 2010-08-01\n"),
        "  residential-occupancy:\n",
    )
    error = refusal(tmp_path, "clayton-mo")
    assert_points_at(
        error,
        path,
        line,
        "items.residential-occupancy",
        "two versions take effect on 2010-08-01; dates must differ",
    )


def test_an_eligibility_condition_on_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    path, line = break_pack(
        tmp_path,
        "village-ord-08-457",
        "eligibility.yaml",
        replace_once("when: {unit_class: type-ii}", "when: {unit_size: type-ii}"),
        "unit_size",
    )
    error = refusal(tmp_path, "village-ord-08-457")
    assert_points_at(
        error,
        path,
        line,
        "obligations.re-occupancy-permit.cases.3.when.unit_size",
        "unknown fact 'unit_size'; eligibility facts are: ",
    )


def test_a_broken_pack_leaves_the_other_packs_loadable(tmp_path: Path) -> None:
    break_pack(
        tmp_path,
        "clayton-mo",
        "jurisdiction.yaml",
        replace_once("time_zone: America/Chicago", "time_zone: America/Chicgo"),
        "time_zone:",
    )
    with pytest.raises(PackError):
        load_pack("clayton-mo", root=tmp_path)
    for slug in SLUGS[1:]:
        assert load_pack(slug, root=tmp_path).slug == slug
