"""Benchmark of quote(): quotes per second on one core, overall and per item.

Not a test: run it with `make bench` (or `.venv/bin/python bench/quote.py --help`).
The mix is a handful of realistic Clayton quotes plus, for every other shipped pack, a few of
its fee items quoted with their facts' defaults. The target is 20,000 quotes/s on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from permitdesk.law.loader import all_packs, get_pack
from permitdesk.law.pack import Pack
from permitdesk.law.schema import FactSpec, FeeItem
from permitdesk.rules.quote import quote

TARGET = 20_000  # quotes per second on one core
ON = dt.date(2026, 6, 1)  # a fixed date, so runs compare
PER_OTHER_PACK = 2  # default-facts items taken from each pack other than Clayton's
CLAYTON = "clayton-mo"

# (item, facts, label): Clayton quotes as a person would ask for them, facts as the CLI passes them.
CLAYTON_CASES: list[tuple[str, dict[str, object], str]] = [
    (
        "residential-occupancy",
        {"unit_type": "single-family", "occupied": "true"},
        "single-family, occupied",
    ),
    ("residential-occupancy", {"unit_type": "apartment", "occupied": "false"}, "apartment"),
    ("building-permit", {"construction_cost": "10500"}, "$10,500 job"),
    (
        "building-permit-new-other",
        {
            "occupancy_group": "office-building",
            "construction_class": "IIA",
            "volume_cuft": "125000",
        },
        "office IIA",
    ),
    (
        "mechanical-permit",
        {"furnaces_btu": "150000,250000", "cooling_units_tons": "3,12"},
        "2 furnaces, 2 AC",
    ),
    (
        "plumbing-permit",
        {"sewer_feet": "40", "fixtures": "12", "water_heaters": "1"},
        "40 ft, 12 fixtures",
    ),
    ("prior-to-sale-inspection", {"units": "6"}, "6 units"),
]


@dataclass(frozen=True)
class Case:
    pack: Pack
    item: str
    facts: Mapping[str, object]
    label: str = "defaults"

    @property
    def name(self) -> str:
        return f"{self.pack.slug} {self.item} ({self.label})"

    def run(self, on: dt.date) -> None:
        quote(self.pack, self.item, self.facts, on)


def default_facts(item: FeeItem) -> dict[str, object]:
    """The item's facts at their defaults; for a fact with none, the plainest allowed value."""
    return {name: _plain_value(spec) for name, spec in item.facts.items()}


def _plain_value(spec: FactSpec) -> object:
    if spec.default is not None:
        return spec.default
    if spec.type == "choice":
        return (spec.choices or [""])[0]
    if spec.type == "bool":
        return False
    if spec.type == "decimal-list":
        return ""
    if spec.type == "date":
        return ON.isoformat()
    return max(spec.minimum, 1) if spec.minimum is not None else 1


def build_cases(on: dt.date) -> tuple[list[Case], list[str]]:
    """The mix, and one line for each case left out (with the error that left it out)."""
    cases: list[Case] = []
    skipped: list[str] = []

    def admit(case: Case) -> bool:
        try:
            case.run(on)
        except (LookupError, ValueError) as exc:  # FactError, NotPermitted, NotInForce, ...
            skipped.append(f"{case.name}: {exc}")
            return False
        cases.append(case)
        return True

    clayton = get_pack(CLAYTON)
    for slug, facts, label in CLAYTON_CASES:
        admit(Case(clayton, slug, facts, label))
    for pack in all_packs():
        if pack.slug == CLAYTON:
            continue
        taken = 0
        # Items with fee lines first (a referral quote does no arithmetic), occupancy first.
        for other, item in sorted(pack.fees.items.items(), key=lambda kv: _order(kv[1], on)):
            if taken == PER_OTHER_PACK:
                break
            taken += admit(Case(pack, other, default_facts(item)))
    return cases, skipped


def _order(item: FeeItem, on: dt.date) -> tuple[bool, bool]:
    in_force = [v for v in item.versions if v.effective <= on]
    referral = bool(in_force) and in_force[-1].referral is not None
    return (referral, item.category != "occupancy")


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the OS allows it; say which."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity); one thread"


def measure(cases: Sequence[Case], on: dt.date, seconds: float) -> tuple[float, int, list[float]]:
    """Round-robin over the cases for `seconds`: wall time, rounds, and time spent per case."""
    spent = [0.0] * len(cases)
    clock = time.perf_counter
    rounds = 0
    start = clock()
    deadline = start + seconds
    while True:
        for i, case in enumerate(cases):
            t0 = clock()
            case.run(on)
            spent[i] += clock() - t0
        rounds += 1
        if clock() >= deadline:
            break
    return clock() - start, rounds, spent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time (default 5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up time (default 1)")
    parser.add_argument("--on", type=dt.date.fromisoformat, default=ON, help="quote date")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the target is not met (default: 0)"
    )
    args = parser.parse_args(argv)
    on: dt.date = args.on

    pinned = pin_to_one_core()
    load_start = time.perf_counter()
    cases, skipped = build_cases(on)
    load_time = time.perf_counter() - load_start
    if not cases:
        print("no quote in the mix could be made:", *skipped, sep="\n  ", file=sys.stderr)
        return 2

    print(f"quote() benchmark — Python {platform.python_version()}, {pinned}, quotes on {on}")
    print(f"packs loaded and mix built in {load_time:.2f} s: {len(cases)} quotes per round")
    for line in skipped:
        print(f"  skipped {line}")

    measure(cases, on, args.warmup)
    wall, rounds, spent = measure(cases, on, args.seconds)

    total = rounds * len(cases)
    rate = total / wall
    width = max(len(c.name) for c in cases)
    print(f"\n{'item':<{width}}  {'quotes/s':>10}  {'µs/quote':>9}")
    for case, seconds in zip(cases, spent, strict=True):
        print(f"{case.name:<{width}}  {rounds / seconds:>10,.0f}  {seconds / rounds * 1e6:>9.1f}")
    print(f"\noverall: {total:,} quotes in {wall:.2f} s = {rate:,.0f} quotes/s on one core")
    met = rate >= TARGET
    print(f"target:  ≥{TARGET:,} quotes/s on one core — {'met' if met else 'NOT met'}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
