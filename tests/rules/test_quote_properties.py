"""Properties every quote must have, for every item of every pack, on any facts and any date
the item is in force: found by hypothesis rather than by example.

- the total is the sum of the fee lines; refundable deposits are kept apart;
- no amount is negative, and every amount is in cents (exactly two decimal places);
- a line with a minimum never charges less (Clayton's sewer line: at least $15.00);
- a quote never decreases as a quantity grows (more cost, volume, feet, fixtures, pages,
  units, days, square feet or inspections never costs less);
- every line says where it comes from (citation) and how it was worked out (basis).

Facts the pack cannot price (an NP cell, a unit type a version does not price) are refused by
the quote with NotPermitted or FactError; such draws are discarded, not counted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from permitdesk.law.loader import get_pack, pack_slugs
from permitdesk.law.pack import Pack
from permitdesk.law.schema import FactSpec, FeeItem, ItemVersion, RateByFact
from permitdesk.rules.facts import FactError
from permitdesk.rules.quote import NotPermitted, Quote, quote

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
LATEST_DATE = dt.date(2045, 12, 31)
ROOM = 10**6  # how far above its minimum an unbounded number is drawn
CENTS = -2  # Decimal exponent of an amount in cents

# The quantities the brief names; each must be covered by the monotonicity property.
NAMED_QUANTITIES = {
    "construction_cost",
    "volume_cuft",
    "sewer_feet",
    "fixtures",
    "pages",
    "units",
    "days",
    "sign_area_sqft",
    "inspections",
}


# --- what there is to quote ------------------------------------------------------------------


def _pack_items() -> Iterator[object]:
    for slug in pack_slugs():
        try:
            pack = get_pack(slug)
        except Exception:  # reported by the test itself, which loads the pack again
            yield pytest.param(slug, None, id=f"{slug}-does-not-load")
            continue
        for item in pack.fees.items:
            yield pytest.param(slug, item, id=f"{slug}:{item}")


def _quantity_facts(item: FeeItem) -> list[str]:
    """The facts of an item that some line counts (its `quantity`), in declaration order."""
    counted = {
        line.quantity.fact
        for version in item.versions
        for line in version.lines
        if line.quantity is not None
    }
    return [name for name in item.facts if name in counted]


def _pack_item_quantities() -> Iterator[tuple[str, str, str]]:
    for slug in pack_slugs():
        try:
            pack = get_pack(slug)
        except Exception:  # reported by test_every_pack_loads
            continue
        for item_slug, item in pack.fees.items.items():
            for name in _quantity_facts(item):
                yield slug, item_slug, name


PACK_ITEMS = list(_pack_items())
QUANTITIES = list(_pack_item_quantities())
PACK_ITEM_QUANTITIES = [pytest.param(*q, id=":".join(q)) for q in QUANTITIES]


def _load(slug: str, item: str | None) -> tuple[Pack, FeeItem]:
    pack = get_pack(slug)  # raises here, failing the test, if the pack does not load
    assert item is not None
    return pack, pack.item(item)


# --- strategies ------------------------------------------------------------------------------


def _bounds(spec: FactSpec) -> tuple[Decimal, Decimal]:
    low = spec.minimum if spec.minimum is not None else Decimal(0)
    high = spec.maximum if spec.maximum is not None else low + ROOM
    return low, high


def _number(spec: FactSpec, low: Decimal | None = None) -> st.SearchStrategy[object]:
    floor, high = _bounds(spec)
    low = floor if low is None else low
    if spec.type == "integer":
        first, last = math.ceil(low), math.floor(high)
        return st.one_of(st.integers(first, min(last, first + 10)), st.integers(first, last))
    return st.one_of(
        st.decimals(low, min(high, low + 50), places=2),
        st.decimals(low, high, places=2),
    )


def fact_values(spec: FactSpec) -> st.SearchStrategy[object]:
    if spec.type == "choice":
        return st.sampled_from(spec.choices or [])
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "date":
        return st.dates(dt.date(1990, 1, 1), LATEST_DATE)
    if spec.type == "decimal-list":
        return st.lists(_number(spec), max_size=4).map(tuple)
    return _number(spec)


@st.composite
def facts_for(draw: st.DrawFn, item: FeeItem) -> dict[str, object]:
    """A value for every fact; one with a default is sometimes left out, to use the default."""
    facts: dict[str, object] = {}
    for name, spec in item.facts.items():
        if spec.default is not None and draw(st.booleans()):
            continue
        facts[name] = draw(fact_values(spec))
    return facts


@st.composite
def date_in_force(draw: st.DrawFn, item: FeeItem) -> dt.date:
    version = draw(st.sampled_from(item.versions))
    last = min(version.until - dt.timedelta(days=1), LATEST_DATE) if version.until else LATEST_DATE
    return draw(st.dates(version.effective, max(version.effective, last)))


def _priced_by(version: ItemVersion) -> set[str]:
    return {line.rate.by for line in version.lines if isinstance(line.rate, RateByFact)}


def quote_or_reject(pack: Pack, item: str, facts: dict[str, object], on: dt.date) -> Quote:
    """The quote; draws the pack rightly refuses (NP cells, unpriced choices) are discarded."""
    try:
        return quote(pack, item, facts, on)
    except NotPermitted:
        reject()
    except FactError as error:
        if error.fact in _priced_by(pack.item_version(item, on)):
            reject()
        raise


@st.composite
def quotes(draw: st.DrawFn, slug: str, item_slug: str | None) -> Quote:
    pack, item = _load(slug, item_slug)
    assert item_slug is not None
    facts = draw(facts_for(item))
    on = draw(date_in_force(item))
    return quote_or_reject(pack, item_slug, facts, on)


# --- the properties --------------------------------------------------------------------------


@pytest.mark.parametrize("slug", pack_slugs())
def test_every_pack_loads(slug: str) -> None:
    assert get_pack(slug).fees.items


def test_there_are_four_packs() -> None:
    assert set(pack_slugs()) == {
        "clayton-mo",
        "st-clair-county-il",
        "st-louis-county-mo",
        "village-ord-08-457",
    }


@pytest.mark.parametrize(("slug", "item"), PACK_ITEMS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_the_total_is_the_sum_of_the_fee_lines_and_deposits_are_kept_apart(
    slug: str, item: str | None, data: st.DataObject
) -> None:
    q = data.draw(quotes(slug, item))
    assert q.total == sum((ln.amount for ln in q.lines if ln.kind == "fee"), Decimal(0))
    assert q.deposits == sum((ln.amount for ln in q.lines if ln.kind == "deposit"), Decimal(0))
    assert {ln.kind for ln in q.lines} <= {"fee", "deposit"}


@pytest.mark.parametrize(("slug", "item"), PACK_ITEMS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_no_amount_is_ever_negative(slug: str, item: str | None, data: st.DataObject) -> None:
    q = data.draw(quotes(slug, item))
    assert all(ln.amount >= 0 for ln in q.lines)
    assert all(ln.rate >= 0 for ln in q.lines)
    assert q.total >= 0
    assert q.deposits >= 0


@pytest.mark.parametrize(("slug", "item"), PACK_ITEMS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_every_amount_is_in_cents_with_exactly_two_decimal_places(
    slug: str, item: str | None, data: st.DataObject
) -> None:
    q = data.draw(quotes(slug, item))
    for ln in q.lines:
        assert ln.amount.as_tuple().exponent == CENTS, f"{ln.id}: {ln.amount}"
    if any(ln.kind == "fee" for ln in q.lines):
        assert q.total.as_tuple().exponent == CENTS, f"total {q.total}"
    if any(ln.kind == "deposit" for ln in q.lines):
        assert q.deposits.as_tuple().exponent == CENTS, f"deposits {q.deposits}"


@pytest.mark.parametrize(("slug", "item"), PACK_ITEMS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_a_line_with_a_minimum_never_charges_less_than_it(
    slug: str, item: str | None, data: st.DataObject
) -> None:
    q = data.draw(quotes(slug, item))
    pack = get_pack(slug)
    minimums = {
        line.id: line.minimum
        for line in pack.item_version(q.item, q.on).lines
        if line.minimum is not None
    }
    for ln in q.lines:
        if ln.id in minimums:
            assert ln.amount >= minimums[ln.id], f"{ln.id}: {ln.amount} < {minimums[ln.id]}"


@PROPERTY_SETTINGS
@given(
    sewer_feet=st.decimals(Decimal("0.01"), Decimal(2000), places=2),
    on=st.dates(dt.date(2010, 8, 1), LATEST_DATE),
)
def test_a_clayton_plumbing_sewer_line_is_at_least_15_dollars_whenever_there_is_sewer(
    sewer_feet: Decimal, on: dt.date
) -> None:
    # 002: "Sewer Sanitary/Storm $0.30/lin/ft ($15 min)"
    q = quote(get_pack("clayton-mo"), "plumbing-permit", {"sewer_feet": sewer_feet}, on)
    work = q.total - Decimal("60.00")  # less the $30 application and one $30 inspection
    assert work >= Decimal("15.00")
    # $0.30 × feet, to the cent (half a cent up), or $15.00 if that is more
    by_the_foot = (sewer_feet * Decimal("0.30")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert work == max(Decimal("15.00"), by_the_foot)


@pytest.mark.parametrize(("slug", "item", "fact"), PACK_ITEM_QUANTITIES)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_a_quote_never_decreases_as_a_quantity_grows(
    slug: str, item: str, fact: str, data: st.DataObject
) -> None:
    pack, fee_item = _load(slug, item)
    spec = fee_item.facts[fact]
    facts = data.draw(facts_for(fee_item))
    on = data.draw(date_in_force(fee_item))
    if spec.type == "decimal-list":
        smaller = data.draw(fact_values(spec))
        larger = (*smaller, *data.draw(st.lists(_number(spec), min_size=1, max_size=3)))
    else:
        smaller = data.draw(_number(spec))
        larger = data.draw(_number(spec, low=Decimal(str(smaller))))
    before = quote_or_reject(pack, item, {**facts, fact: smaller}, on)
    after = quote_or_reject(pack, item, {**facts, fact: larger}, on)
    assert after.total >= before.total, f"{fact} {smaller} -> {larger}"


def test_the_growing_quantities_include_every_one_the_brief_names() -> None:
    covered = {fact for _, _, fact in QUANTITIES}
    assert covered >= NAMED_QUANTITIES


@pytest.mark.parametrize(("slug", "item"), PACK_ITEMS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_every_line_has_a_citation_and_a_basis(
    slug: str, item: str | None, data: st.DataObject
) -> None:
    q = data.draw(quotes(slug, item))
    for ln in q.lines:
        assert ln.citation.strip(), f"{ln.id} has no citation"
        assert ln.basis.strip(), f"{ln.id} has no basis"
        assert ln.label.strip(), f"{ln.id} has no label"
    assert q.citation.strip()


@pytest.mark.parametrize(("slug", "item"), PACK_ITEMS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_nothing_quoted_takes_effect_after_the_date_of_the_quote(
    slug: str, item: str | None, data: st.DataObject
) -> None:
    q = data.draw(quotes(slug, item))
    assert q.effective <= q.on
    assert all(ln.effective <= q.on for ln in q.lines)
