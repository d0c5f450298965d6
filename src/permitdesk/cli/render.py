"""Rule results as readable text tables for a terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from permitdesk.law.pack import Pack
from permitdesk.rules.deadlines import Deadline
from permitdesk.rules.eligibility import Eligibility
from permitdesk.rules.facts import allowed
from permitdesk.rules.money import usd
from permitdesk.rules.occupancy import Occupancy
from permitdesk.rules.quote import Quote


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def items(pack: Pack, on: dt.date) -> str:
    out = [f"{pack.name} ({pack.slug}) — fee items in force on {on.isoformat()}", ""]
    for slug, item in pack.fees.items.items():
        in_force = any(v.effective <= on for v in item.versions)
        out.append(f"{slug}{'' if in_force else '  (not yet in force)'}")
        out.append(f"    {item.title}")
        for name, spec in item.facts.items():
            default = "" if spec.default is None else f" (default {spec.default})"
            unit = f" [{spec.unit}]" if spec.unit else ""
            out.append(f"    --set {name}=…  {allowed(spec)}{unit}{default}: {spec.description}")
        out.append("")
    return "\n".join(out).rstrip()


def quote(q: Quote) -> str:
    out = [
        f"{q.title}",
        f"{q.jurisdiction} · {q.item} · on {q.on.isoformat()}"
        f" (schedule in force from {q.effective.isoformat()})",
        "",
    ]
    if q.referral:
        out.append(f"Not issued here: {q.referral}")
        out.append(f"  [{q.citation}]")
        return "\n".join(out)
    rows = [
        [
            ln.label + (" (refundable deposit)" if ln.kind == "deposit" else ""),
            ln.basis,
            usd(ln.amount),
        ]
        for ln in q.lines
    ]
    out.append(table(["Line", "Basis", "Amount"], rows))
    out.append("")
    out.append(f"Total fees: {usd(q.total)}")
    if q.deposits:
        out.append(f"Refundable deposits (apart from fees): {usd(q.deposits)}")
    out.append("")
    out.append("Citations:")
    for ln in q.lines:
        out.append(f"  {ln.label}: {ln.citation}")
        if ln.note:
            out.append(f"    why: {ln.note}")
    for note in q.notes:
        out.append(f"Note: {note}")
    return "\n".join(out)


def eligibility(e: Eligibility) -> str:
    facts = ", ".join(f"{k}={v}" for k, v in e.facts.items())
    out = [f"{e.jurisdiction} on {e.on.isoformat()} — {facts}", ""]
    for f in e.findings:
        verdict = "REQUIRED" if f.required else "not required"
        fee = f" (fee item: {f.fee_item})" if f.fee_item and f.required else ""
        out.append(f"[{verdict}] {f.title}{fee}")
        out.append(f"    {f.reason}")
        out.append(f"    [{f.citation}]")
    return "\n".join(out)


def deadlines(slug: str, now: dt.datetime, found: Sequence[Deadline]) -> str:
    if not found:
        return f"{slug}: no deadline follows from these facts."
    rows = [[d.label, d.due.isoformat(), d.status, d.rule] for d in found]
    out = [
        f"{slug} — deadlines as of {now.isoformat()}",
        "",
        table(["Deadline", "Due", "Status", "Rule"], rows),
        "",
        "Citations:",
    ]
    out += [f"  {d.label}: {d.citation}" for d in found]
    return "\n".join(out)


def occupancy(o: Occupancy) -> str:
    if o.max_occupants is None:
        return o.rule
    out = [
        f"{o.jurisdiction} on {o.on.isoformat()}: at most {o.max_occupants} occupant(s)",
        o.rule,
        "",
    ]
    for b in o.bedrooms:
        verdict = f"qualifies, {b.occupants} occupant(s)" if b.qualifies else "does not qualify"
        out.append(f"Bedroom {b.number}: {verdict} — {'; '.join(b.reasons)}")
    for a in o.smoke_alarms:
        present = {True: "present", False: "MISSING", None: "not stated"}[a.present]
        out.append(
            f"Smoke alarms, {a.location}: {present}{'' if a.required else ' (not required)'}"
        )
    out += ["", "Citations:"] + [f"  {c}" for c in o.citations]
    return "\n".join(out)
