"""The lifecycle table: every allowed and every forbidden transition, and the packs' guards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.law.pack import Pack
from permitdesk.rules.lifecycle import (
    STATUSES,
    TRANSITIONS,
    CaseSnapshot,
    Refused,
    check_issue_permit,
    check_pack_offers,
    check_record_pass,
    check_request_inspection,
    check_transition,
)
from tests.moments import central

PAIRS = [(action, status) for action in TRANSITIONS for status in STATUSES]


@pytest.mark.parametrize(("action", "status"), [p for p in PAIRS if p[1] in TRANSITIONS[p[0]]])
def test_an_allowed_transition_passes(action: str, status: str) -> None:
    check_transition(action, status)


@pytest.mark.parametrize(("action", "status"), [p for p in PAIRS if p[1] not in TRANSITIONS[p[0]]])
def test_a_forbidden_transition_is_refused_with_the_statuses_it_needs(
    action: str, status: str
) -> None:
    with pytest.raises(Refused, match=f"a case that is {status}; allowed from: "):
        check_transition(action, status)


def test_ended_lapsed_and_withdrawn_cases_allow_nothing() -> None:
    for status in ("ended", "lapsed", "withdrawn"):
        assert not [a for a, allowed in TRANSITIONS.items() if status in allowed]


def test_an_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown action"):
        check_transition("teleport", "submitted")


def case(**kw: object) -> CaseSnapshot:
    base: dict[str, object] = {
        "status": "submitted",
        "processed_at": central("2026-11-17 10:00"),
        "balance_due": Decimal("0.00"),
    }
    return CaseSnapshot(**{**base, **kw})  # type: ignore[arg-type]


def test_clayton_places_no_inspection_before_processing_and_the_cutoff(clayton: Pack) -> None:
    now = central("2026-11-16 10:00")  # processed Tuesday 10 AM: Wednesday is the first day
    with pytest.raises(Refused, match="2026-11-18"):
        check_request_inspection(clayton, case(), dt.date(2026, 11, 17), now)
    check_request_inspection(clayton, case(), dt.date(2026, 11, 18), now)


def test_a_date_in_the_past_is_refused(st_louis: Pack) -> None:
    with pytest.raises(Refused, match="in the past"):
        check_request_inspection(
            st_louis, case(), dt.date(2026, 11, 1), central("2026-11-16 10:00")
        )


def test_the_village_wants_the_fee_before_the_inspection(village: Pack) -> None:
    owing = case(balance_due=Decimal("80.00"))
    with pytest.raises(Refused, match="paid before the inspection"):
        check_request_inspection(village, owing, dt.date(2026, 11, 20), central("2026-11-16 10:00"))
    check_request_inspection(village, case(), dt.date(2026, 11, 20), central("2026-11-16 10:00"))


def test_st_clair_releases_no_approved_report_before_the_fees(
    st_clair: Pack, clayton: Pack
) -> None:
    owing = case(status="inspection-requested", balance_due=Decimal("50.00"))
    with pytest.raises(Refused, match="before the approved inspection report"):
        check_record_pass(st_clair, owing, central("2026-11-16 10:00"))
    check_record_pass(clayton, owing, central("2026-11-16 10:00"))


@pytest.mark.parametrize(
    ("snapshot", "message"),
    [
        (case(status="approved", valid_through=dt.date(2026, 11, 17)), "ran out on 2026-11-17"),
        (case(status="approved"), "add every occupant"),
        (case(status="approved", occupants=3, max_occupants=2), "at most 2"),
        (case(status="approved", occupants=1, balance_due=Decimal("35.00")), "35.00 is due"),
    ],
)
def test_a_permit_waits_for_a_valid_approval_its_occupants_and_the_fees(
    clayton: Pack, snapshot: CaseSnapshot, message: str
) -> None:
    with pytest.raises(Refused, match=message):
        check_issue_permit(clayton, snapshot, central("2026-11-18 10:00"))


def test_the_village_permit_states_age_and_relationship(village: Pack) -> None:
    missing = case(status="approved", occupants=1, occupants_missing_details=("Di Buyer",))
    with pytest.raises(Refused, match="age and relationship; missing for: Di Buyer"):
        check_issue_permit(village, missing, central("2026-11-18 10:00"))


def test_conditional_and_temporary_permits_exist_only_where_the_pack_provides(
    village: Pack, st_clair: Pack, clayton: Pack
) -> None:
    check_pack_offers(village, "conditional_permit_conditions", "conditional permits")
    check_pack_offers(st_clair, "temporary_permit_authorizes_occupancy", "temporary permits")
    with pytest.raises(Refused, match="does not provide for conditional permits"):
        check_pack_offers(clayton, "conditional_permit_conditions", "conditional permits")
