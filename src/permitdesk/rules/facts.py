"""Turning what a person typed (or an API sent) into typed facts, with errors for people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from permitdesk.law.schema import FactSpec

FactValue = bool | int | Decimal | str | tuple[Decimal, ...] | dt.date

# No fee fact is this large (a trillion dollars, cubic feet or fixtures); past it, money
# arithmetic would run out of Decimal's 28 digits.
CEILING = Decimal(10) ** 12

# No case reaches outside these dates; past them a five-year term would leave the calendar.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)

TRUE = {"true", "yes", "y", "1", "on"}
FALSE = {"false", "no", "n", "0", "off"}


class FactError(ValueError):
    """A fact that is missing, unknown or not allowed. The message names the fact."""

    def __init__(self, fact: str, message: str) -> None:
        self.fact = fact
        super().__init__(message)


def allowed(spec: FactSpec) -> str:
    """What a fact accepts, in words: 'one of: a, b', 'a whole number from 1', ..."""
    if spec.type == "choice":
        return "one of: " + ", ".join(spec.choices or [])
    if spec.type == "bool":
        return "true or false"
    if spec.type == "date":
        return "a date YYYY-MM-DD"
    noun = {
        "integer": "a whole number",
        "decimal": "a number",
        "decimal-list": "a comma-separated list of numbers",
    }[spec.type]
    if spec.minimum is not None and spec.maximum is not None:
        return f"{noun} from {spec.minimum} to {spec.maximum}"
    if spec.minimum is not None:
        return f"{noun} of at least {spec.minimum}"
    return noun


def _number(name: str, spec: FactSpec, raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise FactError(name, f"{name} must be {allowed(spec)}, not {raw!r}")
    try:
        value = Decimal(str(raw).strip().replace(",", "")) if not isinstance(raw, Decimal) else raw
    except InvalidOperation:
        raise FactError(name, f"{name} must be {allowed(spec)}, not {raw!r}") from None
    if not value.is_finite():
        raise FactError(name, f"{name} must be {allowed(spec)}, not {raw!r}")
    if spec.minimum is not None and value < spec.minimum:
        raise FactError(name, f"{name} must be {allowed(spec)}; {value} is too small")
    if spec.maximum is not None and value > spec.maximum:
        raise FactError(name, f"{name} must be {allowed(spec)}; {value} is too large")
    if abs(value) > CEILING:
        raise FactError(name, f"{name} must be at most {CEILING:,}; {value} is too large")
    return value


def _date(name: str, raw: object) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        day = raw
    else:
        try:
            day = dt.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise FactError(name, f"{name} must be a date YYYY-MM-DD, not {raw!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise FactError(
            name, f"{name} must be a date from {FIRST_DAY} to {LAST_DAY}, not {day.isoformat()}"
        )
    return day


def coerce(name: str, spec: FactSpec, raw: object) -> FactValue:
    """One fact's value, checked against its spec."""
    kind = spec.type
    if kind == "choice":
        text = str(raw).strip()
        if text not in (spec.choices or []):
            raise FactError(name, f"{name} '{text}' is not {allowed(spec)}")
        return text
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in TRUE or text in FALSE:
            return text in TRUE
        raise FactError(name, f"{name} must be true or false, not {raw!r}")
    if kind == "date":
        return _date(name, raw)
    if kind == "decimal-list":
        items: Iterable[object] = raw.split(",") if isinstance(raw, str) else raw  # type: ignore[assignment]
        if isinstance(raw, str) and not raw.strip():
            return ()
        try:
            return tuple(_number(name, spec, item) for item in items)
        except TypeError:
            raise FactError(name, f"{name} must be {allowed(spec)}, not {raw!r}") from None
    value = _number(name, spec, raw)
    if kind == "integer":
        if value != value.to_integral_value():
            raise FactError(name, f"{name} must be {allowed(spec)}, not {raw!r}")
        return int(value)
    return value


_DEFAULTS: dict[int, tuple[FactSpec, FactValue]] = {}


def _default(name: str, spec: FactSpec) -> FactValue:
    """A spec's default, coerced once per process (specs are immutable and live as long)."""
    cached = _DEFAULTS.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = (spec, coerce(name, spec, spec.default))
        _DEFAULTS[id(spec)] = cached
    return cached[1]


def resolve(
    specs: Mapping[str, FactSpec],
    given: Mapping[str, object],
    needed: Iterable[str],
    context: str,
) -> dict[str, FactValue]:
    """The facts `needed`, from those `given` or their defaults; unknown facts are errors."""
    for name in given:
        if name not in specs:
            names = ", ".join(sorted(specs)) or "(none)"
            raise FactError(name, f"'{name}' is not a fact of {context}; its facts are: {names}")
    facts: dict[str, FactValue] = {
        name: coerce(name, specs[name], raw) for name, raw in given.items() if raw is not None
    }
    for name in needed:
        spec = specs[name]
        if name in facts:
            continue
        if spec.default is not None:
            facts[name] = _default(name, spec)
        else:
            raise FactError(
                name, f"{name} is required for {context}: {spec.description}; {allowed(spec)}"
            )
    return facts
