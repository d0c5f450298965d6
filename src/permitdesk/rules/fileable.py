"""Can every obligation a pack makes REQUIRED be filed? The pack check behind
`permitdesk packs check`: for every event at every kind of unit, each obligation eligibility()
finds REQUIRED with a fee item must be filed as a case (or charged within one), and the case's
own facts (rules/case_facts.py) must quote it. A law that demands a permit nobody can apply for
is a bug in the pack, found here before a landlord finds it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from permitdesk.law.pack import NotInForce, Pack
from permitdesk.law.vocabulary import EVENTS
from permitdesk.rules.case_facts import CaseFile, eligibility_facts, fee_facts
from permitdesk.rules.eligibility import eligibility
from permitdesk.rules.facts import FactError
from permitdesk.rules.quote import NotPermitted, quote

# The kinds of unit a case is filed for, with the size of their building: a house, each half
# of a duplex, a condo alone and in a block, an apartment in the smallest and a large building.
UNIT_SHAPES: tuple[tuple[str, int], ...] = (
    ("single-family", 1),
    ("duplex", 2),
    ("condo", 1),
    ("condo", 12),
    ("apartment", 3),
    ("apartment", 12),
    ("mobile-home", 1),
)


@dataclass(frozen=True)
class Filing:
    """An obligation found REQUIRED for `case`, and the case program that files it."""

    obligation: str
    fee_item: str  # the obligation's own fee item
    program: str  # the fee item filed as the case: the same, or the one that includes it
    case: CaseFile


@dataclass(frozen=True)
class Unfileable:
    obligation: str
    fee_item: str
    case: CaseFile
    problem: str

    def __str__(self) -> str:
        return (
            f"obligation {self.obligation} is REQUIRED for a {self.case.trigger} at a "
            f"{self.case.unit_type} ({self.case.units_in_building} in the building"
            f"{', new' if self.case.new_construction else ''}"
            f"{', occupied' if self.case.occupied else ''}) but {self.fee_item} {self.problem}"
        )


def case_files() -> Iterator[CaseFile]:
    """Every case file the check tries: each event at each kind of unit, new or not,
    occupied before approval or not."""
    for (unit_type, units), trigger, new, occupied in itertools.product(
        UNIT_SHAPES, EVENTS, (False, True), (False, True)
    ):
        yield CaseFile(unit_type, units, new, trigger, occupied)


def _program(pack: Pack, fee_item: str) -> str | None:
    """The case program that files `fee_item`: itself, or the program that includes it."""
    if pack.item(fee_item).case is not None:
        return fee_item
    for slug, item in pack.fees.items.items():
        if item.case is not None and fee_item in item.case.includes:
            return slug
    return None


def _quote_problem(pack: Pack, program: str, case: CaseFile, on: dt.date) -> str | None:
    try:
        quote(pack, program, fee_facts(pack.item(program), case), on)
    except (FactError, NotPermitted, NotInForce) as refused:
        return f"cannot be quoted from the case file: {refused}"
    return None


def check_filings(pack: Pack, on: dt.date) -> tuple[list[Filing], list[Unfileable]]:
    """Every REQUIRED obligation's filing, and the ones that cannot be filed, as of `on`."""
    filings: list[Filing] = []
    problems: list[Unfileable] = []
    for case in case_files():
        try:
            findings = eligibility(pack, eligibility_facts(case), on).findings
        except (FactError, NotInForce):
            continue  # a fact the pack's eligibility refuses for this unit: nothing required
        for finding in findings:
            if not finding.required or finding.fee_item is None:
                continue
            program = _program(pack, finding.fee_item)
            if program is None:
                problems.append(
                    Unfileable(finding.obligation, finding.fee_item, case, "is not filed as a case")
                )
                continue
            problem = _quote_problem(pack, program, case, on)
            if problem is not None:
                problems.append(Unfileable(finding.obligation, finding.fee_item, case, problem))
                continue
            filings.append(Filing(finding.obligation, finding.fee_item, program, case))
    return filings, problems
