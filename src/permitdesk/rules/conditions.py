"""Matching a pack's `when:` conditions against facts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from permitdesk.law.schema import Comparison, Condition
from permitdesk.rules.facts import FactValue


def compare(value: Decimal | int, test: Comparison) -> bool:
    return (
        (test.lt is None or value < test.lt)
        and (test.lte is None or value <= test.lte)
        and (test.gt is None or value > test.gt)
        and (test.gte is None or value >= test.gte)
    )


def matches(value: FactValue, condition: Condition) -> bool:
    if isinstance(condition, Comparison):
        return (
            isinstance(value, Decimal | int)
            and not isinstance(value, bool)
            and compare(value, condition)
        )
    if isinstance(condition, list):
        return value in condition
    if isinstance(condition, bool) or isinstance(value, bool):
        return value is condition
    return value == condition


def all_match(when: Mapping[str, Condition], facts: Mapping[str, FactValue]) -> bool:
    return all(matches(facts[name], condition) for name, condition in when.items())


def describe(when: Mapping[str, Condition]) -> Iterator[str]:
    """'occupied is true', 'units_in_building ≥ 3', for explanations."""
    for name, condition in when.items():
        if isinstance(condition, Comparison):
            parts = [
                f"{sym} {bound}"
                for sym, bound in (
                    ("<", condition.lt),
                    ("≤", condition.lte),
                    (">", condition.gt),
                    ("≥", condition.gte),
                )
                if bound is not None
            ]
            yield f"{name} {' and '.join(parts)}"
        elif isinstance(condition, list):
            yield f"{name} is one of {', '.join(condition)}"
        elif isinstance(condition, bool):
            yield f"{name} is {'true' if condition else 'false'}"
        else:
            yield f"{name} is {condition}"
