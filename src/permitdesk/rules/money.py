"""Money: Decimal, two places, half-up, as the ordinances print it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def usd(value: Decimal) -> str:
    """'$1,234.50'"""
    return f"${money(value):,.2f}"


def plain(value: Decimal) -> str:
    """A quantity without trailing zeros: 11, 2.5, 1,000."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"
