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


def _value(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_value(v) for v in value]
    return value


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def fact_spec(name: str, spec: FactSpec) -> dict[str, Any]:
    return {
        "name": name,
        "type": spec.type,
        "description": spec.description,
        "unit": spec.unit,
        "choices": spec.choices,
        "minimum": _value(spec.minimum),
        "maximum": _value(spec.maximum),
        "default": _value(spec.default),
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
        "jurisdiction": e.jurisdiction,
        "on": e.on.isoformat(),
        "facts": {k: _value(v) for k, v in e.facts.items()},
        "findings": [
            {
                "obligation": f.obligation,
                "kind": f.kind,
                "title": f.title,
                "required": f.required,
                "reason": f.reason,
                "citation": f.citation,
                "effective": f.effective.isoformat(),
                "fee_item": f.fee_item,
            }
            for f in e.findings
        ],
    }


def deadlines(slug: str, now: dt.datetime, found: tuple[Deadline, ...]) -> dict[str, Any]:
    return {
        "jurisdiction": slug,
        "now": now.isoformat(),
        "deadlines": [
            {
                "id": d.id,
                "label": d.label,
                "due": d.due.isoformat(),
                "status": d.status,
                "days_left": d.days_left,
                "rule": d.rule,
                "citation": d.citation,
                "effective": d.effective.isoformat(),
            }
            for d in found
        ],
    }


def occupancy(o: Occupancy) -> dict[str, Any]:
    return {
        "jurisdiction": o.jurisdiction,
        "on": o.on.isoformat(),
        "max_occupants": o.max_occupants,
        "rule": o.rule,
        "bedrooms": [
            {
                "number": b.number,
                "qualifies": b.qualifies,
                "occupants": b.occupants,
                "reasons": list(b.reasons),
            }
            for b in o.bedrooms
        ],
        "smoke_alarms": [
            {"location": a.location, "present": a.present, "required": a.required}
            for a in o.smoke_alarms
        ],
        "passes_smoke_alarms": o.passes_smoke_alarms,
        "citations": list(o.citations),
    }


def checked(packs: Mapping[str, str | None]) -> dict[str, Any]:
    return {"packs": [{"jurisdiction": s, "ok": e is None, "error": e} for s, e in packs.items()]}
