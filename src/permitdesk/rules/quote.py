"""quote(): an itemised fee assessment, every line with its arithmetic and its citation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from permitdesk.law.pack import Pack
from permitdesk.law.schema import (
    FeeItem,
    FeeLine,
    FeesFile,
    ItemVersion,
    Quantity,
    RateByFact,
    RateFromTable,
)
from permitdesk.rules.conditions import all_match, compare
from permitdesk.rules.facts import FactError, FactValue, resolve
from permitdesk.rules.money import money, plain, usd

ZERO = Decimal(0)
ONE = Decimal(1)


class NotPermitted(ValueError):
    """The fee table marks this combination NP: not permitted."""


@dataclass(frozen=True)
class QuoteLine:
    id: str
    label: str
    kind: str  # "fee" or "deposit" (refundable, kept apart from fees)
    quantity: Decimal
    unit: str
    rate: Decimal
    amount: Decimal
    basis: str  # the arithmetic, in words
    citation: str  # document title — section
    effective: dt.date
    note: str | None


@dataclass(frozen=True)
class Quote:
    jurisdiction: str
    item: str
    title: str
    on: dt.date
    effective: dt.date
    citation: str
    facts: Mapping[str, FactValue]
    lines: tuple[QuoteLine, ...]
    total: Decimal  # fees only
    deposits: Decimal  # refundable deposits, apart from fees
    notes: tuple[str, ...]
    referral: str | None


def needed_facts(version: ItemVersion) -> list[str]:
    """The facts the lines of one version read, in the order they first appear."""
    names: dict[str, None] = {}
    for line in version.lines:
        for name in line.when:
            names[name] = None
        if isinstance(line.rate, RateByFact):
            names[line.rate.by] = None
        elif isinstance(line.rate, RateFromTable):
            names[line.rate.row] = None
            names[line.rate.column] = None
        if line.quantity is not None:
            names[line.quantity.fact] = None
    return list(names)


@dataclass(frozen=True)
class _PreparedLine:
    line: FeeLine
    citation: str
    effective: dt.date
    note: str | None


@dataclass(frozen=True)
class _Prepared:
    """What one version of an item needs on every quote, worked out once per process."""

    version: ItemVersion  # held so that the id() it is cached under stays this version's
    needed: tuple[str, ...]
    citation: str
    lines: tuple[_PreparedLine, ...]


_PREPARED: dict[int, _Prepared] = {}


def _prepare(pack: Pack, version: ItemVersion) -> _Prepared:
    prepared = _PREPARED.get(id(version))
    if prepared is None or prepared.version is not version:
        citation = pack.cite(version.citation)
        lines = tuple(
            _PreparedLine(
                line=line,
                citation=pack.cite(line.citation) if line.citation else citation,
                effective=_line_effective(pack.fees, line, version),
                note=line.note or (line.quantity.note if line.quantity else None),
            )
            for line in version.lines
        )
        prepared = _Prepared(version, tuple(needed_facts(version)), citation, lines)
        _PREPARED[id(version)] = prepared
    return prepared


def quote(pack: Pack, item_slug: str, facts: Mapping[str, object], on: dt.date) -> Quote:
    """The fees of `item_slug` in `pack` on date `on`, for the `facts` given.

    Raises FactError (a fact missing, unknown or out of range), NotPermitted (an NP cell),
    NotInForce (no version on that date) or UnknownName (no such item).
    """
    item = pack.item(item_slug)
    version = pack.item_version(item_slug, on)
    prepared = _prepare(pack, version)
    context = f"{pack.slug} {item_slug} on {on.isoformat()}"
    values = resolve(item.facts, facts, prepared.needed, context)
    lines = tuple(_lines(pack.fees, item, prepared, values))
    return Quote(
        jurisdiction=pack.slug,
        item=item_slug,
        title=item.title,
        on=on,
        effective=version.effective,
        citation=prepared.citation,
        facts=values,
        lines=lines,
        total=money(sum((ln.amount for ln in lines if ln.kind == "fee"), ZERO)),
        deposits=money(sum((ln.amount for ln in lines if ln.kind == "deposit"), ZERO)),
        notes=tuple(version.notes),
        referral=version.referral,
    )


def _lines(
    fees: FeesFile, item: FeeItem, prepared: _Prepared, values: Mapping[str, FactValue]
) -> Iterator[QuoteLine]:
    for ready in prepared.lines:
        line = ready.line
        if line.when and not all_match(line.when, values):
            continue
        rate, rate_basis = _rate(fees, item, line, values)
        count, unit, count_basis = _count(item, line.quantity, values)
        if count == ZERO:
            continue  # nothing of this kind: no line, and no minimum either
        raw = money(rate * count)
        amount = max(raw, line.minimum) if line.minimum is not None else raw
        if line.quantity is None:
            basis = f"{usd(rate)}{rate_basis}, flat"
        else:
            basis = f"{usd(rate)}{rate_basis} × {plain(count)} {unit}{count_basis} = {usd(raw)}"
        if amount != raw:
            basis += f", raised to the {usd(amount)} minimum"
        yield QuoteLine(
            id=line.id,
            label=line.label,
            kind=line.kind,
            quantity=count,
            unit=unit,
            rate=rate,
            amount=amount,
            basis=basis,
            citation=ready.citation,
            effective=ready.effective,
            note=ready.note,
        )


def _line_effective(fees: FeesFile, line: FeeLine, version: ItemVersion) -> dt.date:
    if isinstance(line.rate, RateFromTable):
        return fees.tables[line.rate.table].effective
    return version.effective


def _rate(
    fees: FeesFile, item: FeeItem, line: FeeLine, values: Mapping[str, FactValue]
) -> tuple[Decimal, str]:
    rate = line.rate
    if isinstance(rate, Decimal):
        return rate, ""
    if isinstance(rate, RateByFact):
        key = str(values[rate.by])
        if key not in rate.values:
            priced = ", ".join(rate.values)
            raise FactError(
                rate.by, f"{rate.by} '{key}' is not priced by this item: one of: {priced}"
            )
        # The value in words, as the schedule's reader says it: "(single family)", never the
        # fact's name and slug ("unit_type single-family").
        return rate.values[key], f" ({key.replace('-', ' ')})"
    table = fees.tables[rate.table]
    row_key, column = str(values[rate.row]), str(values[rate.column])
    row = table.rows[row_key]
    cell = row.rates[table.columns.index(column)]
    if cell == "NP":
        raise NotPermitted(
            f"{rate.row} '{row_key}' ({row.label}) in {rate.column} '{column}' is NP, not "
            f"permitted, in the {table.title}"
        )
    return cell, f" ({row.label}, type {column})"


def _count(
    item: FeeItem, quantity: Quantity | None, values: Mapping[str, FactValue]
) -> tuple[Decimal, str, str]:
    """How many units the rate applies to, the unit's name, and how the count was reached."""
    if quantity is None:
        return ONE, "", ""
    spec = item.facts[quantity.fact]
    raw = values[quantity.fact]
    if isinstance(raw, tuple):
        where = quantity.where
        chosen = [v for v in raw if where is None or compare(v, where)]
        return Decimal(len(chosen)), spec.unit or "each", ""
    given = Decimal(raw) if isinstance(raw, int) else raw
    assert isinstance(given, Decimal)
    unit = spec.unit or quantity.fact
    amount = max(ZERO, given - quantity.beyond)
    if quantity.beyond:
        beyond = f" ({plain(given)} {unit}, the first {plain(quantity.beyond)} included)"
        if quantity.per == ONE and quantity.rounding == "exact":
            return amount, unit, beyond
    if quantity.per == ONE and quantity.rounding == "exact":
        return amount, unit, ""
    units = amount / quantity.per
    if quantity.rounding == "up":
        units = units.to_integral_value(rounding=ROUND_CEILING)
        how = f"counting each started {plain(quantity.per)}"
    else:
        how = "pro rata"
    return units, f"of {plain(quantity.per)} {unit}", f" ({plain(amount)} {unit}, {how})"
