"""`permitdesk penalty`, `channels`, `who-may-apply` and what `packs check` now proves: every
REQUIRED obligation can be filed, and no pack term is inert."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from permitdesk.cli.main import _pack_problems, main
from permitdesk.law.checks import cross_check
from permitdesk.law.loader import get_pack
from permitdesk.law.schema import Term
from permitdesk.law.uses import inert_terms, readers
from permitdesk.rules.fileable import check_filings


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_village_penalty_is_500_dollars_and_90_days(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "penalty", "village-ord-08-457", "--on", "2026-11-16")
    assert isinstance(data, dict)
    assert data["max_fine"] == "500.00"
    assert data["max_imprisonment_days"] == 90
    assert "§1.G" in data["citation"]


def test_a_pack_without_a_penalty_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["penalty", "clayton-mo"]) == 0
    assert "set no penalty" in capsys.readouterr().out


def test_st_louis_county_takes_applications_online_or_in_person(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _json(capsys, "channels", "st-louis-county-mo")
    assert isinstance(data, dict)
    (answer,) = data["answers"]
    assert answer["value"] == ["online", "in-person"]
    assert "Application cannot be made via telephone" in answer["citation"]


def test_st_clair_says_who_may_apply_and_with_what(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "who-may-apply", "st-clair-county-il")
    assert isinstance(data, dict)
    values = {a["term"]: a["value"] for a in data["answers"]}
    assert values["permit_applicant"] == ["tenant", "occupant"]
    assert values["permit_documents"] == ["lease", "rent-receipt-with-photo-id", "sales-contract"]
    assert values["temporary_permit_applicants"] == ["owner-in-person", "agent-in-person"]
    assert "tenant:new-occupant" in values["applicant_relations"]
    assert values["relations_verified_before_applying"] == []


def test_a_bad_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["penalty", "village-ord-08-457", "--on", "someday"]) == 2
    assert "--on must be a date" in capsys.readouterr().err


def test_packs_check_is_clean_and_every_required_obligation_is_fileable() -> None:
    for slug in ("clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457"):
        assert _pack_problems(slug, "2026-11-16") is None
        filings, problems = check_filings(get_pack(slug), dt.date(2026, 11, 16))
        assert filings
        assert not problems


def test_a_who_may_apply_entry_that_names_no_relation_or_event_is_a_problem() -> None:
    pack = get_pack("clayton-mo")
    sample = pack.terms["applicant_relations"]
    bad = sample.model_copy(
        update={"values": [sample.values[0].model_copy(update={"value": ["cousin", "buyer:whim"]})]}
    )
    broken = type(pack)(**{**pack.__dict__, "terms": {**pack.terms, "applicant_relations": bad}})
    problems = [p.message for p in cross_check(broken)]
    assert (
        "'cousin' is not a relation kind: one of owner, managing-agent, buyer, tenant" in problems
    )
    assert any(p.startswith("'buyer:whim': the event after ':' must be one of") for p in problems)


def test_an_inert_term_is_reported() -> None:
    pack = get_pack("clayton-mo")
    sample = pack.terms["permit_term"]
    ghost = Term(description="read by nothing", unit=sample.unit, values=sample.values)
    haunted = type(pack)(**{**pack.__dict__, "terms": {**pack.terms, "ghost_term_xyz": ghost}})
    assert inert_terms(haunted) == ["ghost_term_xyz"]
    assert readers("change_of_occupancy_effect") == ("cases/services/permits.py",)


def test_a_required_obligation_whose_fee_item_cannot_be_filed_is_reported() -> None:
    pack = get_pack("st-louis-county-mo")
    item = pack.fees.items["re-occupancy-permit"]
    unfiled = item.model_copy(update={"case": None})
    fees = pack.fees.model_copy(
        update={"items": {**pack.fees.items, "re-occupancy-permit": unfiled}}
    )
    broken = type(pack)(**{**pack.__dict__, "fees": fees})
    _, problems = check_filings(broken, dt.date(2026, 11, 16))
    assert problems
    assert "is not filed as a case" in str(problems[0])
