"""eligibility(): what an event at a unit requires in a jurisdiction, and why.

For each obligation in the pack, the first case in force on the date that matches the facts
decides. Facts a case does not read are never asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from permitdesk.law.pack import Pack
from permitdesk.law.schema import EligibilityCase, Obligation
from permitdesk.law.vocabulary import DERIVED_FACTS, ELIGIBILITY_FACTS
from permitdesk.rules.classification import UNITS_IMPLIED, unit_class
from permitdesk.rules.conditions import matches
from permitdesk.rules.facts import FactError, FactValue, allowed, coerce, resolve
from permitdesk.rules.periods import add_period


@dataclass(frozen=True)
class Finding:
    obligation: str
    kind: str  # permit, inspection, report, disclosure, notice
    title: str
    required: bool
    reason: str
    citation: str
    effective: dt.date
    fee_item: str | None


@dataclass(frozen=True)
class Eligibility:
    jurisdiction: str
    on: dt.date
    facts: Mapping[str, FactValue]
    findings: tuple[Finding, ...]

    @property
    def required(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.required)


RENTAL_IMPLIED = {"lease": True, "sale": False, "new-construction": False, "commercial-use": False}


class _Facts:
    """Facts looked up on demand: a missing fact is an error only if a case reads it."""

    def __init__(self, pack: Pack, given: Mapping[str, FactValue], on: dt.date) -> None:
        self.pack, self.given, self.on = pack, given, on
        self.used: dict[str, FactValue] = {}

    def __getitem__(self, name: str) -> FactValue:
        if name not in self.used:
            self.used[name] = self._value(name)
        return self.used[name]

    def _value(self, name: str) -> FactValue:
        if name in self.given:
            return self.given[name]
        if name == "unit_class":
            units = self.given.get("units_in_building")
            return unit_class(
                self.pack,
                str(self["unit_type"]),
                units if isinstance(units, int) else None,
                self.on,
            )
        if name == "approval_current":
            return self._approval_current()
        if name == "units_in_building" and self.given.get("unit_type") in UNITS_IMPLIED:
            return UNITS_IMPLIED[str(self.given["unit_type"])]
        if name == "rental" and self.given.get("event") in RENTAL_IMPLIED:
            # A lease is a rental; a sale, new construction or commercial use alone is not.
            return RENTAL_IMPLIED[str(self.given["event"])]
        spec = ELIGIBILITY_FACTS[name]
        if spec.default is not None:
            return coerce(name, spec, spec.default)
        raise FactError(
            name, f"{name} is needed to decide this: {spec.description}; {allowed(spec)}"
        )

    def _approval_current(self) -> bool:
        approved = self.given.get("approved_on")
        if not isinstance(approved, dt.date):
            return False
        length = self.pack.count("approval_validity", self.on)
        unit = self.pack.terms["approval_validity"].unit
        last_day = add_period(self.pack, approved, length, unit, self.on)
        return approved <= self.on <= last_day


def _case_applies(case: EligibilityCase, facts: _Facts, on: dt.date) -> bool:
    if case.effective > on or (case.until is not None and on >= case.until):
        return False
    return all(matches(facts[name], cond) for name, cond in case.when.items())


def _decide(pack: Pack, slug: str, obligation: Obligation, facts: _Facts, on: dt.date) -> Finding:
    for case in obligation.cases:
        try:
            applies = _case_applies(case, facts, on)
        except FactError as missing:
            raise FactError(missing.fact, f"{missing} (for: {obligation.title})") from None
        if applies:
            return Finding(
                obligation=slug,
                kind=obligation.kind,
                title=obligation.title,
                required=case.required,
                reason=case.reason,
                citation=pack.cite(case.citation),
                effective=case.effective,
                fee_item=case.fee_item,
            )
    first = min(obligation.cases, key=lambda c: c.effective)
    return Finding(
        obligation=slug,
        kind=obligation.kind,
        title=obligation.title,
        required=False,
        reason=f"Not in force on {on.isoformat()}: it applies from {first.effective.isoformat()}.",
        citation=pack.cite(first.citation),
        effective=first.effective,
        fee_item=None,
    )


def eligibility(pack: Pack, facts: Mapping[str, object], on: dt.date) -> Eligibility:
    """What the event described by `facts` requires in `pack` on date `on`."""
    for name in facts:
        if name in DERIVED_FACTS:
            raise FactError(name, f"{name} is worked out from the other facts; do not give it")
    given = resolve(ELIGIBILITY_FACTS, facts, ["event"], f"eligibility in {pack.slug}")
    lookup = _Facts(pack, given, on)
    findings = tuple(
        _decide(pack, slug, obligation, lookup, on)
        for slug, obligation in pack.eligibility.obligations.items()
    )
    return Eligibility(
        jurisdiction=pack.slug, on=on, facts={**given, **lookup.used}, findings=findings
    )
