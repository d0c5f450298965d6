"""The case follows the law at every step, not only when it is booked (issue 15): every
REQUIRED obligation can be filed and walked to its end. The single steps' checks (recording,
issuing and booking under the rules, a new occupancy's permit ending the one before, only
case programs filed, channels, certification, the temporary permit's applicant) are in the
operations' own files, tests/cases/services/test_<operation>.py."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from permitdesk.accounts.models import Role
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, permits
from permitdesk.law.loader import all_packs, get_pack
from permitdesk.rules.case_facts import fee_facts
from permitdesk.rules.fileable import Filing, check_filings
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import quote
from tests import factories
from tests.factories.anywhere import issue as _issue
from tests.factories.anywhere import pay as _pay
from tests.factories.anywhere import record as _record
from tests.factories.steps import book as _book
from tests.moments import central

pytestmark = pytest.mark.django_db

PARCELS = itertools.count(100)
SUNDAY = central("2026-11-15 11:00")
MONDAY = central("2026-11-16 10:00")


# --- REQUIRED and fileable, walked to the end ------------------------------------------------


def test_claytons_prior_to_sale_inspection_is_filed_and_ends_in_its_report() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    building = factories.unit("clayton-mo", "apartment", units_in_building=6, owner=owner)
    case = applications.submit_application(
        actor=owner, unit=building, fee_item="prior-to-sale-inspection", trigger="sale", now=MONDAY
    )
    # $100 for the exterior and common areas and $25 for each of the 6 units (002).
    assert balance_due(case) == Decimal("250.00")
    _pay(case, crew[Role.CLERK], MONDAY)
    visit = _book(case, crew, owner, dt.date(2026, 11, 18), MONDAY)
    _record(
        crew,
        visit,
        central("2026-11-18 10:00"),
        "passed",
    )
    with pytest.raises(Refused, match="ends in its inspection report"):
        permits.issue_permit(
            actor=crew[Role.CLERK], application=case, now=central("2026-11-18 12:00")
        )


def _representatives() -> list[tuple[str, Filing]]:
    """One filing per (jurisdiction, obligation, program, trigger): every REQUIRED obligation."""
    seen: dict[tuple[str, str, str, str], Filing] = {}
    for pack in all_packs():
        filings, problems = check_filings(pack, MONDAY.date())
        assert not problems, problems
        for f in filings:
            if not f.case.occupied and not f.case.new_construction:
                seen.setdefault((pack.slug, f.obligation, f.program, f.case.trigger), f)
    return [(key[0], f) for key, f in sorted(seen.items())]


@pytest.mark.parametrize(
    ("slug", "filing"),
    _representatives(),
    ids=lambda v: v if isinstance(v, str) else f"{v.obligation}-{v.case.trigger}",
)
def test_every_required_obligation_is_filed_and_walked_to_its_end(
    slug: str, filing: Filing
) -> None:
    crew = factories.staff(slug)
    owner = factories.user("owner")
    pack = get_pack(slug)
    home = factories.unit(
        slug, filing.case.unit_type, units_in_building=filing.case.units_in_building, owner=owner
    )
    case = applications.submit_application(
        actor=owner, unit=home, fee_item=filing.program, trigger=filing.case.trigger, now=MONDAY
    )
    expected = quote(
        pack, filing.program, fee_facts(pack.item(filing.program), filing.case), MONDAY.date()
    )
    assert balance_due(case) == expected.total
    program = pack.item(filing.program).case
    assert program is not None
    if program.ends_in == "permit":
        permit = _issue(
            case, crew, dt.date(2026, 11, 18), "lease" if slug == "st-clair-county-il" else ""
        )
        assert permit.ended_at is None
        case.refresh_from_db()
        assert case.status == "issued"
    else:
        _pay(case, crew[Role.CLERK], MONDAY)
        visit = _book(case, crew, owner, dt.date(2026, 11, 18), MONDAY)
        _record(
            crew,
            visit,
            central("2026-11-18 10:00"),
            "passed",
        )
        case.refresh_from_db()
        assert case.status == "approved"
