"""Checks across a pack's files that a schema alone cannot make.

Each problem names the file and the key path, so the loader can point at the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from permitdesk.law.schema import (
    Comparison,
    Condition,
    Dated,
    FeeItem,
    FeeLine,
    FeesFile,
    RateByFact,
    RateFromTable,
)
from permitdesk.law.vocabulary import DERIVED_FACTS, ELIGIBILITY_FACTS, EVENTS, RELATION_KINDS

if TYPE_CHECKING:
    from permitdesk.law.pack import Pack

Loc = tuple[str | int, ...]
NUMERIC = {"integer", "decimal", "decimal-list"}


@dataclass(frozen=True)
class Problem:
    file: str
    loc: Loc
    message: str


def cross_check(pack: Pack) -> Iterator[Problem]:
    yield from _check_jurisdiction(pack)
    yield from _check_citations(pack)
    yield from _check_dates_distinct(pack)
    yield from _check_tables(pack.fees)
    for slug, item in pack.fees.items.items():
        yield from _check_item(pack.fees, slug, item)
    yield from _check_eligibility(pack)
    yield from _check_case_programs(pack)
    yield from _check_relations(pack)
    for name in sorted(set(pack.terms) & set(pack.information)):
        yield Problem("terms.yaml", ("information", name), f"{name!r} is also under terms")


def _check_jurisdiction(pack: Pack) -> Iterator[Problem]:
    try:
        ZoneInfo(pack.jurisdiction.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        yield Problem(
            "jurisdiction.yaml",
            ("time_zone",),
            f"unknown time zone {pack.jurisdiction.time_zone!r}",
        )
    for i, doc in enumerate(pack.jurisdiction.sources):
        if doc not in pack.sources:
            yield Problem(
                "jurisdiction.yaml",
                ("sources", i),
                f"source {doc!r} is not in sources.yaml: {', '.join(sorted(pack.sources))}",
            )


def _dated_values(pack: Pack) -> Iterator[tuple[str, Loc, Dated]]:
    for section, terms in (("terms", pack.terms), ("information", pack.information)):
        for name, term in terms.items():
            for i, tv in enumerate(term.values):
                yield "terms.yaml", (section, name, "values", i), tv
    for name, table in pack.fees.tables.items():
        yield "fees.yaml", ("tables", name), table
    for slug, item in pack.fees.items.items():
        for i, version in enumerate(item.versions):
            yield "fees.yaml", ("items", slug, "versions", i), version
    for slug, obligation in pack.eligibility.obligations.items():
        for i, case in enumerate(obligation.cases):
            yield "eligibility.yaml", ("obligations", slug, "cases", i), case


def _check_citations(pack: Pack) -> Iterator[Problem]:
    allowed = set(pack.jurisdiction.sources)
    for file, loc, value in _dated_values(pack):
        citations = [(loc + ("citation",), value.citation)]
        for j, line in enumerate(getattr(value, "lines", [])):
            if line.citation is not None:
                citations.append((loc + ("lines", j, "citation"), line.citation))
        for where, citation in citations:
            if citation.doc not in allowed:
                yield Problem(
                    file,
                    where + ("doc",),
                    f"cites {citation.doc!r}, which is not one of this pack's sources: "
                    f"{', '.join(sorted(allowed))}",
                )


def _check_dates_distinct(pack: Pack) -> Iterator[Problem]:
    groups: list[tuple[str, Loc, list[Dated]]] = []
    groups += [("terms.yaml", ("terms", n), list(t.values)) for n, t in pack.terms.items()]
    groups += [
        ("terms.yaml", ("information", n), list(t.values)) for n, t in pack.information.items()
    ]
    groups += [("fees.yaml", ("items", s), list(i.versions)) for s, i in pack.fees.items.items()]
    for file, loc, versions in groups:
        dates = [v.effective for v in versions]
        repeated = sorted({d for d in dates if dates.count(d) > 1})
        if repeated:
            yield Problem(
                file,
                loc,
                f"two versions take effect on {repeated[0].isoformat()}; dates must differ",
            )


def _check_tables(fees: FeesFile) -> Iterator[Problem]:
    for name, table in fees.tables.items():
        for key, row in table.rows.items():
            if len(row.rates) != len(table.columns):
                yield Problem(
                    "fees.yaml",
                    ("tables", name, "rows", key, "rates"),
                    f"row {key} has {len(row.rates)} rates for {len(table.columns)} columns",
                )


def _line_facts(line: FeeLine) -> Iterator[tuple[Loc, str]]:
    for fact in line.when:
        yield ("when", fact), fact
    if isinstance(line.rate, RateByFact):
        yield ("rate", "by"), line.rate.by
    if isinstance(line.rate, RateFromTable):
        yield ("rate", "row"), line.rate.row
        yield ("rate", "column"), line.rate.column
    if line.quantity is not None:
        yield ("quantity", "fact"), line.quantity.fact


def _check_item(fees: FeesFile, slug: str, item: FeeItem) -> Iterator[Problem]:
    base: Loc = ("items", slug)
    for i, version in enumerate(item.versions):
        for j, line in enumerate(version.lines):
            at = base + ("versions", i, "lines", j)
            for loc, fact in _line_facts(line):
                if fact not in item.facts:
                    yield Problem(
                        "fees.yaml",
                        at + loc,
                        f"fact {fact!r} is not declared in the item's facts: "
                        f"{', '.join(sorted(item.facts)) or '(none)'}",
                    )
            yield from _check_line_shapes(fees, item, line, at)


def _check_line_shapes(fees: FeesFile, item: FeeItem, line: FeeLine, at: Loc) -> Iterator[Problem]:
    rate = line.rate
    if isinstance(rate, RateByFact) and rate.by in item.facts:
        choices = set(item.facts[rate.by].choices or [])
        missing = sorted(set(rate.values) - choices)
        if missing:
            yield Problem("fees.yaml", at + ("rate", "values"), f"keys {missing} are not choices")
    if isinstance(rate, RateFromTable):
        table = fees.tables.get(rate.table)
        if table is None:
            yield Problem("fees.yaml", at + ("rate", "table"), f"no table named {rate.table!r}")
        else:
            row_choices = item.facts[rate.row].choices if rate.row in item.facts else None
            col_choices = item.facts[rate.column].choices if rate.column in item.facts else None
            if row_choices is not None and sorted(row_choices) != sorted(table.rows):
                yield Problem("fees.yaml", at + ("rate", "row"), "choices differ from table rows")
            if col_choices is not None and col_choices != table.columns:
                yield Problem(
                    "fees.yaml", at + ("rate", "column"), "choices differ from table columns"
                )
    quantity = line.quantity
    if quantity is not None and quantity.fact in item.facts:
        kind = item.facts[quantity.fact].type
        if kind not in NUMERIC:
            yield Problem("fees.yaml", at + ("quantity", "fact"), f"a {kind} fact is no quantity")
        if (quantity.where is not None) != (kind == "decimal-list"):
            yield Problem(
                "fees.yaml",
                at + ("quantity",),
                "'where' goes with a decimal-list fact, and only it",
            )
    for fact, condition in line.when.items():
        if fact in item.facts:
            problem = _condition_problem(item.facts[fact].type, item.facts[fact].choices, condition)
            if problem:
                yield Problem("fees.yaml", at + ("when", fact), problem)


def _condition_problem(kind: str, choices: list[str] | None, condition: Condition) -> str | None:
    if kind == "bool" and not isinstance(condition, bool):
        return "a bool fact is compared with true or false"
    if kind == "choice":
        wanted = condition if isinstance(condition, list) else [condition]
        bad = [w for w in wanted if w not in (choices or [])]
        if bad:
            return f"{bad} not among the choices {choices}"
    numeric_condition = isinstance(condition, Comparison | int) and not isinstance(condition, bool)
    if kind in NUMERIC and not numeric_condition:
        return "a number fact is compared with lt/lte/gt/gte or a whole number"
    return None


def _check_eligibility(pack: Pack) -> Iterator[Problem]:
    known = ELIGIBILITY_FACTS | DERIVED_FACTS
    for slug, obligation in pack.eligibility.obligations.items():
        for i, case in enumerate(obligation.cases):
            at: Loc = ("obligations", slug, "cases", i)
            for fact, condition in case.when.items():
                if fact not in known:
                    yield Problem(
                        "eligibility.yaml",
                        at + ("when", fact),
                        f"unknown fact {fact!r}; eligibility facts are: {', '.join(sorted(known))}",
                    )
                    continue
                spec = known[fact]
                problem = _condition_problem(spec.type, spec.choices, condition)
                if problem:
                    yield Problem("eligibility.yaml", at + ("when", fact), problem)
            if case.fee_item is not None and case.fee_item not in pack.fees.items:
                yield Problem(
                    "eligibility.yaml", at + ("fee_item",), f"no fee item {case.fee_item!r}"
                )


def _check_case_programs(pack: Pack) -> Iterator[Problem]:
    for slug, item in pack.fees.items.items():
        if item.case is None:
            continue
        if item.case.citation.doc not in pack.jurisdiction.sources:
            yield Problem(
                "fees.yaml",
                ("items", slug, "case", "citation", "doc"),
                f"cites {item.case.citation.doc!r}, which is not one of this pack's sources",
            )
        for i, included in enumerate(item.case.includes):
            if included not in pack.fees.items:
                yield Problem(
                    "fees.yaml", ("items", slug, "case", "includes", i), f"no fee item {included!r}"
                )


def _check_relations(pack: Pack) -> Iterator[Problem]:
    """Who applies (rules.relations): relation kinds of the vocabulary, "kind:event" with
    one of its events."""
    for name in ("applicant_relations", "relations_verified_before_applying"):
        term = pack.terms.get(name)
        for i, version in enumerate(term.values if term else []):
            entries = version.value if isinstance(version.value, list) else [version.value]
            for entry in entries:
                kind, _, event = str(entry).partition(":")
                if kind not in RELATION_KINDS:
                    yield Problem(
                        "terms.yaml",
                        ("terms", name, "values", i, "value"),
                        f"{kind!r} is not a relation kind: one of {', '.join(RELATION_KINDS)}",
                    )
                elif event and (name != "applicant_relations" or event not in EVENTS):
                    yield Problem(
                        "terms.yaml",
                        ("terms", name, "values", i, "value"),
                        f"{entry!r}: the event after ':' must be one of {', '.join(EVENTS)}",
                    )
