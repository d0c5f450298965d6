"""Benchmark of the JSON API on a county-sized PostgreSQL database.

Not a test: run it with `.venv/bin/python bench/api.py` (`--help` for the options). It makes a
fresh database (`permitdesk_bench`), migrates it, COPYs in a small case file (--small cases)
and measures, then grows it to the full size (--applications cases) and measures again:

  * SQL queries per request (in-process, Django's test client),
  * p50/p95 latency of sequential requests and throughput of 2 concurrent clients, against
    gunicorn with 2 workers as production runs it (DEBUG off), beside a bare Django view
    (each endpoint's throughput measured in slices alternating with the bare view's, so that
    the host slowing down for a while, which this machine cannot see, slows both alike),
  * peak memory (VmHWM) of the gunicorn master and workers.

Targets: the same query count at both sizes; p95 at full size within 1.5x the small size's;
at least half the bare view's throughput; every app process under 300 MB. Exit 0 whatever
the figures (--check: exit 1 when a target is missed).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import secrets
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # so `bench.bench_settings` imports when run as a script
    sys.path.insert(0, str(REPO))


from _database import (  # noqa: E402
    Subjects,
    db_name,
    drop_database,
    jurisdiction_cases,
    migrate,
    pick_subjects,
    recreate_database,
    status_mix,
)
from _endpoints import Endpoint, endpoints, orm_against_sql, orm_variants  # noqa: E402
from _load import Loader, StageResult  # noqa: E402
from _measure import (  # noqa: E402
    Gunicorn,
    Latency,
    Memory,
    Noise,
    count_queries,
    django_env,
    get_once,
    latency,
    paired_throughput,
    throughput,
    wait_quiet,
)
from _report import NOISE, Figures, StageFigures, report, say  # noqa: E402

DEFAULT_URL = "postgres://permitdesk:permitdesk@127.0.0.1:5432/permitdesk_bench"
BARE = "/bench/bare"


# --- one stage -------------------------------------------------------------------------------


def serve_and_measure(
    eps: list[Endpoint],
    env: dict[str, str],
    args: argparse.Namespace,
    log: Path,
    figures: dict[str, Figures],
) -> tuple[Latency, float, Memory, float, list[str]]:
    """Start gunicorn, measure the bare view and each endpoint over HTTP (into `figures`), and
    return the bare view's latency and throughput, peak memory and the others' CPU share."""
    with Gunicorn(env, log) as server:
        noise = Noise()
        say(f"  gunicorn up on 127.0.0.1:{server.port} in {server.started_s:.1f} s")
        bare_lat = latency(server.port, BARE, None, args.warmup, args.requests, args.budget)
        bare_rps = throughput(server.port, BARE, None, args.seconds, args.threads)
        say(
            f"  {'(d) bare Django view':<24} p50 {bare_lat.p50_ms:.2f} ms, "
            f"p95 {bare_lat.p95_ms:.2f} ms, {bare_rps:,.0f} req/s"
        )
        for ep in eps:
            status = get_once(server.port, ep.path, ep.token)
            lat = latency(server.port, ep.path, ep.token, args.warmup, args.requests, args.budget)
            paired = paired_throughput(
                server.port, ep.path, ep.token, BARE, args.seconds, args.threads, args.slices
            )
            f = figures[ep.key]
            f.latency, f.rps, f.bare_rps = lat, paired.rps, paired.bare_rps
            f.slice_ratios = paired.slice_ratios
            note = " (time budget: fewer requests)" if lat.truncated else ""
            say(
                f"  {ep.label:<24} HTTP {status}: p50 {lat.p50_ms:.2f} ms, p95 {lat.p95_ms:.2f} ms"
                f" over {lat.requests}{note}, {f.rps:,.1f} req/s against the bare view's "
                f"{f.bare_rps:,.1f} in alternating slices ({f.share:.0%}; slices "
                f"{min(f.slice_ratios):.0%}–{max(f.slice_ratios):.0%}); statuses {lat.statuses}"
            )
        memory = server.memory()
        share, noisy = noise.share({os.getpid(), *server.pids()})
    return bare_lat, bare_rps, memory, share, noisy


def measure_stage(
    name: str,
    applications: int,
    load: StageResult,
    eps: list[Endpoint],
    env: dict[str, str],
    args: argparse.Namespace,
    log: Path,
) -> StageFigures:
    figures: dict[str, Figures] = {}
    bare_queries = count_queries(BARE, None).count
    for ep in eps:
        q = count_queries(ep.path, ep.token)
        say(
            f"  {ep.label:<24} {ep.path}: HTTP {q.status}, {q.count} queries, "
            f"{q.sql_ms:.1f} ms SQL (slowest {q.slowest_ms:.1f} ms)"
        )
        if args.show_sql:
            for ms, statement in q.statements:
                say(f"      {ms:8.2f} ms  {statement}")
        figures[ep.key] = Figures(q, Latency(0, 0, 0), 0.0)
    from django.db import connections

    connections.close_all()
    attempts = 1 + (args.retries if args.wait_quiet else 0)
    for attempt in range(1, attempts + 1):
        if args.wait_quiet:
            quiet, share = wait_quiet(args.wait_quiet, NOISE)
            say(
                f"  the machine is {'quiet' if quiet else 'still busy'} "
                f"(others {share:.0%} of the CPUs)"
            )
        bare_lat, bare_rps, memory, share, noisy = serve_and_measure(eps, env, args, log, figures)
        say(
            f"  other processes used {share:.0%} of the CPUs while we measured"
            + (f" ({', '.join(noisy)})" if noisy else "")
        )
        if share <= NOISE or attempt == attempts:
            break
        say(f"  measuring again (attempt {attempt + 1} of {attempts})")
    say(
        f"  peak memory: master {memory.master_kib / 1024:.0f} MB, workers "
        + ", ".join(f"{w / 1024:.0f} MB" for w in memory.workers_kib)
    )
    return StageFigures(
        name,
        applications,
        load,
        figures,
        bare_rps,
        bare_lat,
        memory,
        bare_queries,
        share,
        noisy,
    )


# --- main ------------------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    doc = (__doc__ or "").strip().splitlines()[0]
    p = argparse.ArgumentParser(description=doc)
    p.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    p.add_argument("--applications", type=int, default=500_000, help="full size (500,000)")
    p.add_argument("--units", type=int, default=200_000, help="units at full size (200,000)")
    p.add_argument("--applicants", type=int, default=20_000, help="applicants (20,000)")
    p.add_argument("--small", type=int, default=10_000, help="the first stage's cases (10,000)")
    p.add_argument("--requests", type=int, default=300, help="measured requests (300)")
    p.add_argument("--warmup", type=int, default=30, help="warm-up requests (30)")
    p.add_argument("--seconds", type=float, default=5.0, help="throughput time (5 s)")
    p.add_argument("--threads", type=int, default=2, help="throughput clients (2)")
    p.add_argument(
        "--slices",
        type=int,
        default=10,
        help="each endpoint's throughput time is cut into this many slices, alternating with "
        "as many of the bare view's (10)",
    )
    p.add_argument(
        "--budget", type=float, default=60.0, help="latency time limit per endpoint (60 s)"
    )
    p.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="diagnostic: keep the app's database connections open this long (default: the "
        "project's setting, DB_CONN_MAX_AGE, 60 s unless set)",
    )
    p.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each stage's HTTP measurements wait up to this long for other processes "
        "to leave the CPUs alone, and measure again (--retries) if they did not (default 0: "
        "measure at once, and only warn)",
    )
    p.add_argument("--retries", type=int, default=2, help="with --wait-quiet (default 2)")
    p.add_argument("--keep", action="store_true", help="keep the database at the end")
    p.add_argument(
        "--orm",
        action="store_true",
        help="also measure each endpoint's read through the ORM (bench/bench_urls.py), and "
        "print the ORM's figures over the SQL's",
    )
    p.add_argument("--show-sql", action="store_true", help="print each request's SQL")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)
    if not 0 < args.small < args.applications:
        p.error("need 0 < --small < --applications")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    url: str = args.database_url
    env = django_env(url, secrets.token_urlsafe(50))
    if args.conn_max_age is not None:
        env["BENCH_CONN_MAX_AGE"] = str(args.conn_max_age)
    # This process counts queries with Django's test client against the same database.
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DEBUG", "SECRET_KEY")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    from permitdesk.accounts.models import token_digest

    say(
        f"PermitDesk API benchmark — Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"database {db_name(url)}; app database connections: "
        + (
            f"CONN_MAX_AGE={args.conn_max_age} (diagnostic override)"
            if args.conn_max_age is not None
            else f"the project's CONN_MAX_AGE={settings.DATABASES['default'].get('CONN_MAX_AGE')}"
        )
    )
    t0 = time.perf_counter()
    recreate_database(url)
    migrate(url)
    say(f"database created and migrated in {time.perf_counter() - t0:.1f} s")

    full, small = args.applications, args.small
    small_units = max(1, round(args.units * small / full))
    small_applicants = max(1, round(args.applicants * small / full))
    loader = Loader(url, token_digest)
    stages: list[StageFigures] = []
    log = Path(tempfile.gettempdir()) / f"permitdesk-bench-gunicorn-{os.getpid()}.log"
    ok = True
    try:
        plan = [
            ("small", small, small_units, small_applicants),
            ("full", full - small, args.units - small_units, args.applicants - small_applicants),
        ]
        subjects: Subjects | None = None
        eps: list[Endpoint] = []
        queue_what = ""
        total = 0
        for name, cases, units, applicants in plan:
            say(f"\n[{name}] loading {cases:,} cases, {units:,} units, {applicants:,} applicants")
            result = loader.load_stage(cases, units, applicants)
            total += cases
            rows = sum(result.rows.values())
            say(
                f"  loaded {rows:,} rows in {result.total_s:.1f} s: COPY {result.copy_s:.1f} s "
                f"({rows / result.copy_s:,.0f} rows/s), {result.dropped} indexes and "
                f"constraints recreated in {result.index_s:.1f} s, VACUUM ANALYZE "
                f"{result.analyze_s:.1f} s"
            )
            say("  rows: " + ", ".join(f"{t} {n:,}" for t, n in result.rows.items() if n))
            say(f"  status mix: {status_mix(url)}")
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            say(f"  this process's peak memory so far (loader included): {peak:.0f} MB")
            if subjects is None:
                subjects = pick_subjects(url)
                eps, queue_what = endpoints(subjects)
                if args.orm:
                    eps += orm_variants(eps)
                say(
                    f"  subjects: applicant {subjects.applicant} ({subjects.applicant_cases} "
                    f"cases), application {subjects.application}, clerk {subjects.clerk} "
                    f"of {subjects.clerk_jurisdiction}; (c) is {queue_what}"
                )
            say(
                f"  the clerk's jurisdiction has "
                f"{jurisdiction_cases(url, subjects.clerk_jurisdiction):,} cases"
            )
            stages.append(measure_stage(name, total, result, eps, env, args, log))
            connections.close_all()
        ok = report(stages, eps, queue_what)
        if args.orm:
            for st in stages:
                say(f"\nThe ORM path against the hand-written SQL, {st.applications:,} cases")
                pairs = {k: (f.rps, f.latency.p50_ms) for k, f in st.endpoints.items()}
                for line in orm_against_sql(eps, pairs):
                    say(line)
        say(f"\ngunicorn log: {log}")
    finally:
        connections.close_all()
        if args.keep:
            say(f"kept database {db_name(url)}")
        else:
            drop_database(url)
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
