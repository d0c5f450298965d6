"""Rule results as stable JSON: amounts as strings with two decimals, dates ISO."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from permitdesk.law.pack import Pack
from permitdesk.law.schema import FactSpec
from permitdesk.rules.deadlines import Deadline
from permitdesk.rules.eligibility import Eligibility
from permitdesk.rules.money import money
from permitdesk.rules.occupancy import Occupancy
from permitdesk.rules.quote import Quote

# An eligibility finding's fields, in the JSON's order.
FINDING_FIELDS = (
    "obligation",
    "kind",
    "title",
    "required",
    "reason",
    "citation",
    "effective",
    "fee_item",
)


def _value(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_value(v) for v in value]
    return value


def _fields(obj: object, *names: str) -> dict[str, Any]:
    """The named attributes of a rule result, in that order (the JSON's), as JSON values."""
    return {name: _value(getattr(obj, name)) for name in names}


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def fact_spec(name: str, spec: FactSpec) -> dict[str, Any]:
    return {
        "name": name,
        **_fields(spec, "type", "description", "unit", "choices", "minimum", "maximum", "default"),
    }


def items(pack: Pack, on: dt.date) -> dict[str, Any]:
    out = []
    for slug, item in pack.fees.items.items():
        entry: dict[str, Any] = {
            "item": slug,
            "title": item.title,
            "category": item.category,
            "facts": [fact_spec(n, s) for n, s in item.facts.items()],
        }
        versions = [v for v in item.versions if v.effective <= on]
        entry["in_force"] = bool(versions)
        entry["versions"] = [v.effective.isoformat() for v in item.versions]
        out.append(entry)
    return {"jurisdiction": pack.slug, "name": pack.name, "on": on.isoformat(), "items": out}


def quote(q: Quote) -> dict[str, Any]:
    return {
        "jurisdiction": q.jurisdiction,
        "item": q.item,
        "title": q.title,
        "on": q.on.isoformat(),
        "effective": q.effective.isoformat(),
        "citation": q.citation,
        "facts": {k: _value(v) for k, v in q.facts.items()},
        "lines": [
            {
                "id": ln.id,
                "label": ln.label,
                "kind": ln.kind,
                "quantity": _value(ln.quantity.normalize()),
                "unit": ln.unit,
                "rate": str(money(ln.rate)),
                "amount": str(money(ln.amount)),
                "basis": ln.basis,
                "citation": ln.citation,
                "effective": ln.effective.isoformat(),
                "note": ln.note,
            }
            for ln in q.lines
        ],
        "total": str(money(q.total)),
        "deposits": str(money(q.deposits)),
        "notes": list(q.notes),
        "referral": q.referral,
    }


def eligibility(e: Eligibility) -> dict[str, Any]:
    return {
        **_fields(e, "jurisdiction", "on"),
        "facts": {k: _value(v) for k, v in e.facts.items()},
        "findings": [_fields(f, *FINDING_FIELDS) for f in e.findings],
    }


def deadlines(slug: str, now: dt.datetime, found: tuple[Deadline, ...]) -> dict[str, Any]:
    return {
        "jurisdiction": slug,
        "now": now.isoformat(),
        "deadlines": [
            _fields(d, "id", "label", "due", "status", "days_left", "rule", "citation", "effective")
            for d in found
        ],
    }


def occupancy(o: Occupancy) -> dict[str, Any]:
    return {
        **_fields(o, "jurisdiction", "on", "max_occupants", "rule"),
        "bedrooms": [_fields(b, "number", "qualifies", "occupants", "reasons") for b in o.bedrooms],
        "smoke_alarms": [_fields(a, "location", "present", "required") for a in o.smoke_alarms],
        **_fields(o, "passes_smoke_alarms", "citations"),
    }


def checked(packs: Mapping[str, str | None]) -> dict[str, Any]:
    return {"packs": [{"jurisdiction": s, "ok": e is None, "error": e} for s, e in packs.items()]}
