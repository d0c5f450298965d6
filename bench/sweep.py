"""The deadline sweep over 1,000,000 permits in PostgreSQL: its time and peak memory.

Makes a fresh database (`permitdesk_sweep_bench`), migrates it, COPYs in the data set of
bench/sweep_load.py (a week's work due for the sweep), runs `manage.py sweep` as production
runs it, in its own process, and reports its wall time and peak resident memory; then runs it
again (it must find nothing more to do). Not a test: exits 0 whatever it measures; --check
exits 1 when a target (60 s, 300 MB) is missed.

    .venv/bin/python bench/sweep.py            # ~30 seconds on 2 cores; --help for the options
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "bench") not in sys.path:
    sys.path.insert(0, str(REPO / "bench"))

import sweep_load  # noqa: E402
from sweep_tables import TABLES  # noqa: E402

TARGET_S = 60.0
TARGET_MB = 300.0
NOW = "2026-11-20T06:00-06:00"
MAINTENANCE_DB = "permitdesk"


def say(*parts: object) -> None:
    print(*parts, flush=True)


def _url_for(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def recreate(url: str) -> None:
    name = url.rpartition("/")[2]
    with psycopg.connect(_url_for(url, MAINTENANCE_DB), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(url: str) -> None:
    name = url.rpartition("/")[2]
    with psycopg.connect(_url_for(url, MAINTENANCE_DB), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def manage(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "permitdesk.site.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, text=True,
        capture_output=True,
    )  # fmt: skip


def load(url: str, permits: int, first_run: bool) -> None:
    """COPY with the secondary indexes and foreign keys dropped and rebuilt after, through
    bench/_schema.py where it is there (the api benchmark's); without it, a slower load."""
    try:
        from _schema import drop as drop_secondary
        from _schema import restore, secondary_schema
    except ImportError:
        say("  (bench/_schema.py not importable: loading with the indexes in place)")
        saved = None
    else:
        saved = secondary_schema(url)
        drop_secondary(url, saved)
    t0 = time.perf_counter()
    loaded = sweep_load.load(url, permits, first_run)
    say(
        f"  copied {sum(loaded.rows.values()):,} rows in {time.perf_counter() - t0:.0f} s: "
        + ", ".join(f"{t} {n:,}" for t, n in loaded.rows.items())
    )
    if saved is not None:
        t0 = time.perf_counter()
        restore(url, saved)
        say(f"  indexes and constraints rebuilt in {time.perf_counter() - t0:.0f} s")
    with psycopg.connect(url, autocommit=True) as conn:
        for table in TABLES:
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        permits, active = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE ended_at IS NULL) FROM cases_permit"
        ).fetchone() or (0, 0)
        approved = conn.execute(
            "SELECT count(*) FROM cases_application WHERE status = 'approved'"
        ).fetchone()
    return {
        "permits": int(permits),
        "active": int(active),
        "approved": int(approved[0] if approved else 0),
    }


def run_sweep(url: str, batch_size: int) -> tuple[float, float, str]:
    """One `manage.py sweep` in its own process: wall seconds, peak RSS in MB, what it printed."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "permitdesk.site.settings"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "sweep", "--now", NOW, "--batch-size", str(batch_size)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"the sweep exited {proc.returncode}:\n{out}")
    return seconds, usage.ru_maxrss / 1024, out


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--database-url",
        default="postgres://permitdesk:permitdesk@127.0.0.1:5432/permitdesk_sweep_bench",
        help="the database to drop, create, load and (unless --keep) drop again",
    )
    p.add_argument("--permits", type=int, default=1_000_000)
    p.add_argument("--batch-size", type=int, default=500, help="the sweep's items per transaction")
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument("--reuse", action="store_true", help="sweep a database kept by --keep (no load)")
    p.add_argument(
        "--first-run",
        action="store_true",
        help="no earlier runs: every reminder in its window and every left-over permit is due",
    )
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    url: str = args.database_url
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "permitdesk.site.settings"
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()  # the loader reads Django's field defaults
    say(
        f"PermitDesk sweep benchmark — Python {platform.python_version()}, {os.cpu_count()} "
        f"cores, database {url.rpartition('/')[2]}"
    )
    try:
        if not args.reuse:
            t0 = time.perf_counter()
            recreate(url)
            manage(url, "migrate", "--noinput", "-v", "0")
            manage(url, "load_jurisdictions")
            say(f"database created and migrated in {time.perf_counter() - t0:.0f} s; loading")
            load(url, args.permits, args.first_run)
        before = counts(url)
        say(
            f"{before['permits']:,} permits ({before['active']:,} in force), "
            f"{before['approved']:,} cases approved and waiting; sweeping as of {NOW}"
        )
        seconds, peak_mb, out = run_sweep(url, args.batch_size)
        say(out.rstrip())
        again_s, again_mb, again = run_sweep(url, args.batch_size)
        changed_again = again.strip().splitlines()[-1].strip()
    finally:
        if not args.keep:
            drop(url)
    met = seconds < TARGET_S and peak_mb < TARGET_MB
    say(
        f"\nsweep: {seconds:.1f} s (target < {TARGET_S:.0f} s), peak memory {peak_mb:.0f} MB "
        f"(target < {TARGET_MB:.0f} MB) — {'met' if met else 'MISSED'}"
    )
    say(f"second run: {again_s:.1f} s, peak {again_mb:.0f} MB; {changed_again}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
