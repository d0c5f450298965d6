"""bench/api.py's figures of a stage, and the table and targets it prints at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from _endpoints import Endpoint
from _load import StageResult
from _measure import Latency, Memory, Queries

P95_GROWTH = 1.5  # p95 at full size / p95 at the small size
BARE_SHARE = 0.5  # throughput / the bare view's throughput
MEMORY_MB = 300  # peak RSS of each app process
NOISE = 0.05  # other processes' share of the CPUs above which the figures are flagged


def say(*parts: object) -> None:
    print(*parts, flush=True)


@dataclass
class Figures:
    queries: Queries
    latency: Latency
    rps: float
    bare_rps: float = 0.0  # the bare view's, in the slices alternating with this endpoint's
    slice_ratios: list[float] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.rps / self.bare_rps if self.bare_rps else 0.0


@dataclass
class StageFigures:
    name: str
    applications: int
    load: StageResult
    endpoints: dict[str, Figures]
    bare_rps: float
    bare_latency: Latency
    memory: Memory
    bare_queries: int
    noise: float
    noisy: list[str]


def report(stages: list[StageFigures], eps: list[Endpoint], queue_what: str) -> bool:
    small, full = stages[0], stages[-1]
    say("\nResults")
    header = (
        f"{'endpoint':<24} {'cases':>9} {'queries':>7} {'SQL ms':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'req/s':>8} {'bare req/s':>10} {'ratio':>6}"
    )
    say(header)
    say("-" * len(header))
    for ep in eps:
        for st in stages:
            f = st.endpoints[ep.key]
            say(
                f"{ep.label:<24} {st.applications:>9,} {f.queries.count:>7} "
                f"{f.queries.sql_ms:>7.1f} "
                f"{f.latency.p50_ms:>8.2f} {f.latency.p95_ms:>8.2f} {f.rps:>8.1f} "
                f"{f.bare_rps:>10.1f} {f.share:>6.2f}"
            )
    for st in stages:
        say(
            f"{'(d) bare Django view':<24} {st.applications:>9,} {st.bare_queries:>7} {0:>7.1f} "
            f"{st.bare_latency.p50_ms:>8.2f} {st.bare_latency.p95_ms:>8.2f} "
            f"{st.bare_rps:>8.1f} {st.bare_rps:>10.1f} {1:>6.2f}"
        )
    say(
        "SQL ms: the request's SQL time in this process (Django's timings, 1 ms resolution); "
        "latency and req/s: over HTTP from gunicorn; bare req/s: the bare view's, measured in "
        "slices alternating with the endpoint's (ratio: the two)"
    )
    say(f"(c) measured: {queue_what}")
    say("\nPeak memory (VmHWM)")
    for st in stages:
        say(
            f"  {st.name}: master {st.memory.master_kib / 1024:.0f} MB; workers "
            + ", ".join(f"{w / 1024:.0f} MB" for w in st.memory.workers_kib)
        )

    for st in stages:
        if st.noise > NOISE:
            say(
                f"\nWARNING: other processes used {st.noise:.0%} of the CPUs during the "
                f"{st.name} measurements ({', '.join(st.noisy)}): latency and throughput "
                "are skewed; run again on a quiet machine"
            )
    say("\nTargets")
    ok = True

    def target(met: bool, text: str) -> None:
        nonlocal ok
        ok = ok and met
        say(f"  [{'met' if met else 'MISSED'}] {text}")

    for ep in eps:
        a, b = small.endpoints[ep.key], full.endpoints[ep.key]
        served = a.queries.status == b.queries.status == 200
        target(
            served and a.queries.count == b.queries.count,
            f"{ep.label}: same queries at {small.applications:,} and {full.applications:,} "
            f"cases ({a.queries.count} → {b.queries.count}"
            + ("" if served else f"; HTTP {a.queries.status}/{b.queries.status}")
            + ")",
        )
    for ep in eps:
        a, b = small.endpoints[ep.key], full.endpoints[ep.key]
        growth = b.latency.p95_ms / a.latency.p95_ms if a.latency.p95_ms else float("inf")
        target(
            growth <= P95_GROWTH,
            f"{ep.label}: p95 at full size ≤ {P95_GROWTH}× small "
            f"({a.latency.p95_ms:.2f} → {b.latency.p95_ms:.2f} ms, {growth:.2f}×)",
        )
    for ep in eps:
        b = full.endpoints[ep.key]
        spread = (
            f"; slices {min(b.slice_ratios):.0%}–{max(b.slice_ratios):.0%}"
            if b.slice_ratios
            else ""
        )
        target(
            b.share >= BARE_SHARE,
            f"{ep.label}: ≥ {BARE_SHARE:.0%} of the bare view's throughput at full size "
            f"({b.rps:,.1f} / {b.bare_rps:,.1f} req/s = {b.share:.0%}{spread})",
        )
    peak = max(st.memory.largest_kib for st in stages) / 1024
    target(peak < MEMORY_MB, f"every app process under {MEMORY_MB} MB (largest {peak:.0f} MB)")
    return ok
