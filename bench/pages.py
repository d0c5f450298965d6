"""Benchmark of the pages people use, at 10,000 and 500,000 cases on PostgreSQL.

Not a test: run it with `.venv/bin/python bench/pages.py` (`--help` for the options). It keeps
two databases, `<name>_small` (--small cases) and `<name>` (--applications cases), built with
bench/api.py's loader the first time and reused after (migrated, so new indexes are built on
the kept rows; --rebuild makes them again). For each size and each page (the staff home, each
clerk queue, the staff search by street name, case number, phone and partial name, the staff
case page, the inspector's day sheet, the applicant's case list, the public verify page) it
prints:

  * the SQL queries of one request (in-process, Django's test client),
  * the server CPU of one request, over HTTP against gunicorn as production runs it: the app's
    workers and their PostgreSQL backends, in nanoseconds from /proc, as a ratio to a bare
    Django view's measured in the same run (before and after the pages),
  * p50/p95 latency of sequential requests.

Targets: the same queries at both sizes; each page's server CPU at most 50x the bare view's.
Exit 0 whatever the figures (--check: exit 1 when a target is missed).
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # so `bench.bench_settings` imports when run as a script
    sys.path.insert(0, str(REPO))

from _measure import Gunicorn, Latency, Noise, count_queries, django_env, latency  # noqa: E402
from _pages import CpuMeter, Size, day_sheet_today, ensure_both, pages, people, with_db  # noqa: E402
from _report import NOISE, say  # noqa: E402

DEFAULT_URL = "postgres://permitdesk:permitdesk@127.0.0.1:5432/permitdesk_pages_bench"
BARE = "/bench/bare"
TARGET_RATIO = 50.0


@dataclass
class PageFigures:
    label: str
    queries: int
    status: int
    sql_ms: float
    latency: Latency
    app_ms: float  # the workers' CPU per request
    db_ms: float  # their PostgreSQL backends' CPU per request

    @property
    def cpu_ms(self) -> float:
        return self.app_ms + self.db_ms


def sessions(user_ids: dict[str, int]) -> dict[str, str]:
    """A signed-in session per role ("sessionid=…", sent as the request's cookie)."""
    from django.contrib.auth.models import User
    from django.test import Client

    found = {"": ""}
    for who, pk in user_ids.items():
        client = Client()
        client.force_login(User.objects.get(pk=pk))
        found[who] = f"sessionid={client.cookies['sessionid'].value}"
    return found


def use_database(url: str) -> None:
    """Point this process's Django connection at `url`'s database."""
    from django.db import connections

    from _database import db_name

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = db_name(url)


def measure_one(
    port: int, path: str, cookie: str, meter: CpuMeter, args: argparse.Namespace
) -> tuple[Latency, float, float]:
    """Warm up, then `--requests` sequential requests: their latency and the server CPU (app,
    database) per request, in ms."""
    token = cookie or None
    latency(port, path, token, args.warmup, 0, args.budget)
    before = meter.read()
    lat = latency(port, path, token, 0, args.requests, args.budget)
    app, db = meter.spent(before, meter.read())
    n = max(lat.requests, 1)
    return lat, app * 1e3 / n, db * 1e3 / n


def settle(port: int, meter: CpuMeter, limit_s: float = 20.0) -> None:
    """Serve the bare view for a while, then wait for the workers to go idle: a worker still
    booting (importing the app) while the first figures are taken would count against them."""
    latency(port, BARE, None, 0, 10**6, 2.0)
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = meter.read()
        time.sleep(0.5)
        app, _ = meter.spent(before, meter.read())
        if app < 0.002:
            return


def measure_stage(
    size: Size,
    label_paths: list[tuple[str, str, str]],
    ids: dict[str, int],
    args: argparse.Namespace,
) -> tuple[list[PageFigures], PageFigures, float]:
    use_database(size.url)
    cookies = sessions(ids)
    figures = []
    for label, path, who in label_paths:
        q = count_queries(path, cookies[who] or None)
        say(f"  {label:<26} {path}: HTTP {q.status}, {q.count} queries, {q.sql_ms:.1f} ms SQL")
        if args.show_sql:
            for ms, statement in q.statements:
                say(f"      {ms:8.2f} ms  {statement}")
        figures.append(PageFigures(label, q.count, q.status, q.sql_ms, Latency(0, 0, 0), 0, 0))
    from django.db import connections

    connections.close_all()
    env = django_env(size.url, os.environ["SECRET_KEY"])  # the sessions' own key
    env.update(VERIFY_RATE_LIMIT=str(10**9), TWO_FACTOR_REQUIRED_FOR_STAFF="0")
    log = Path(tempfile.gettempdir()) / f"permitdesk-pages-gunicorn-{os.getpid()}.log"
    with Gunicorn(env, log) as server:
        noise = Noise()
        meter = CpuMeter(server.pids(), size.url)
        settle(server.port, meter)
        bare = [measure_one(server.port, BARE, "", meter, args)]
        for f, (_, path, who) in zip(figures, label_paths, strict=True):
            f.latency, f.app_ms, f.db_ms = measure_one(server.port, path, cookies[who], meter, args)
            say(
                f"  {f.label:<26} p50 {f.latency.p50_ms:7.2f} ms, p95 {f.latency.p95_ms:7.2f} ms,"
                f" CPU {f.app_ms:.2f} ms app + {f.db_ms:.2f} ms database per request"
                f" over {f.latency.requests}; statuses {f.latency.statuses}"
            )
        bare.append(measure_one(server.port, BARE, "", meter, args))
        share, noisy = noise.share({os.getpid(), *server.pids()})
    base = PageFigures(
        "bare Django view",
        0,
        200,
        0.0,
        bare[0][0],
        sum(b[1] for b in bare) / 2,
        sum(b[2] for b in bare) / 2,
    )
    say(f"  bare view: CPU {base.app_ms:.3f} ms app + {base.db_ms:.3f} ms database per request")
    if noisy:
        say(f"  other processes used {share:.0%} of the CPUs ({', '.join(noisy)})")
    return figures, base, share


def report(stages: list[tuple[Size, list[PageFigures], PageFigures, float]]) -> bool:
    say("\nResults (CPU: the app's workers + their PostgreSQL backends, per request)")
    head = (
        f"{'page':<26} {'cases':>9} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'CPU ms':>8} {'x bare':>7}"
    )
    say(head)
    say("-" * len(head))
    for i in range(len(stages[0][1])):
        for size, figs, base, _ in stages:
            f = figs[i]
            say(
                f"{f.label:<26} {size.cases:>9,} {f.queries:>7} {f.latency.p50_ms:>8.2f} "
                f"{f.latency.p95_ms:>8.2f} {f.cpu_ms:>8.2f} {f.cpu_ms / base.cpu_ms:>7.1f}"
            )
    for size, _, base, share in stages:
        say(
            f"{'bare Django view':<26} {size.cases:>9,} {0:>7} {base.latency.p50_ms:>8.2f} "
            f"{base.latency.p95_ms:>8.2f} {base.cpu_ms:>8.3f} {1:>7.1f}"
            + (f"   (others used {share:.0%} of the CPUs)" if share > NOISE else "")
        )
    say("\nTargets")
    ok = True
    sfigs, (large, lfigs, lbase, _) = stages[0][1], stages[-1]
    for a, b in zip(sfigs, lfigs, strict=True):
        same = a.queries == b.queries and a.status == b.status == 200
        ratio = b.cpu_ms / lbase.cpu_ms
        met = same and ratio <= TARGET_RATIO
        ok = ok and met
        say(
            f"  [{'met' if met else 'MISSED'}] {a.label}: queries {a.queries} → {b.queries}"
            f" (HTTP {a.status}/{b.status}); CPU at {large.cases:,} cases {ratio:.0f}× the bare"
            f" view (≤ {TARGET_RATIO:.0f}×)"
        )
    return ok


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    p.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    p.add_argument("--applications", type=int, default=500_000, help="full size (500,000)")
    p.add_argument("--units", type=int, default=200_000, help="units at full size (200,000)")
    p.add_argument("--applicants", type=int, default=20_000, help="applicants (20,000)")
    p.add_argument("--small", type=int, default=10_000, help="the small size (10,000)")
    p.add_argument("--requests", type=int, default=200, help="measured requests per page (200)")
    p.add_argument("--warmup", type=int, default=20, help="warm-up requests per page (20)")
    p.add_argument("--budget", type=float, default=30.0, help="time limit per page (30 s)")
    p.add_argument("--rebuild", action="store_true", help="build the databases again")
    p.add_argument("--build-only", action="store_true", help="build (or migrate) and stop")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    p.add_argument("--show-sql", action="store_true", help="print each page's SQL")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if not 0 < args.small < args.applications:
        raise SystemExit("pages.py: need 0 < --small < --applications")
    url: str = args.database_url
    name = url.rsplit("/", 1)[1]
    scale = args.small / args.applications
    large = Size(url, args.applications, args.units, args.applicants)
    small = Size(
        with_db(url, f"{name}_small"),
        args.small,
        max(1, round(args.units * scale)),
        max(1, round(args.applicants * scale)),
    )
    env = django_env(small.url, secrets.token_urlsafe(50))
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DEBUG", "SECRET_KEY")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    os.environ["VERIFY_RATE_LIMIT"] = str(10**9)
    os.environ["TWO_FACTOR_REQUIRED_FOR_STAFF"] = "0"
    import django

    django.setup()
    from permitdesk.accounts.models import token_digest
    from permitdesk.cases.selectors.queues import QUEUES

    say(f"PermitDesk pages benchmark — Python {platform.python_version()}, {os.cpu_count()} cores")
    for note in ensure_both(large, small, token_digest, args.rebuild):
        say(f"  {note}")
    if args.build_only:
        return 0
    who = people(small.url, day_sheet_today())
    say(
        f"  as: clerk {who.subjects.clerk} of {who.subjects.clerk_jurisdiction}, inspector "
        f"{who.inspector} (?ahead={who.ahead}), applicant {who.subjects.applicant} "
        f"({who.subjects.applicant_cases} cases); case {who.case}; permit {who.permit}; "
        f"search terms {who.street!r}, {who.phone!r}, {who.name!r}"
    )
    ids = {
        "clerk": who.subjects.clerk,
        "inspector": who.inspector,
        "applicant": who.subjects.applicant,
    }
    label_paths = pages(who, QUEUES)
    stages = []
    for size in (small, large):
        say(f"\n[{size.cases:,} cases] {size.url.rsplit('/', 1)[1]}")
        stages.append((size, *measure_stage(size, label_paths, ids, args)))
    ok = report(stages)
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
