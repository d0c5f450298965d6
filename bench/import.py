"""The go-live import at county scale in PostgreSQL: 100,000 units with their bedrooms and
50,000 permits in force, through `manage.py import_records`, with its time and peak memory,
and the ratio to a plain COPY of the same rows measured in the same run.

Makes a fresh database (`permitdesk_h3_import_bench`), migrates it, writes the CSV files
(parcels of four units, two bedrooms a unit, a Clayton permit in force on every other unit),
imports properties, units and permits each in its own process as an operator runs it, then
imports units and permits again (every row unchanged). The baseline COPYs the same rows into
a second fresh database: the floor no checked, audited import reaches. Not a test: exits 0
whatever it measures; --check exits 1 when a target (60 s, 300 MB) is missed.

    .venv/bin/python bench/import.py --units 5000     # a minute; the default is 100,000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 60.0
TARGET_MB = 300.0
MAINTENANCE_DB = "permitdesk"
UNITS_PER_PARCEL = 4
TODAY = dt.date.today()


def say(*parts: object) -> None:
    print(*parts, flush=True)


def _url_for(url: str, name: str) -> str:
    return f"{url.rpartition('/')[0]}/{name}"


def recreate(url: str) -> None:
    name = sql.Identifier(url.rpartition("/")[2])
    with psycopg.connect(_url_for(url, MAINTENANCE_DB), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop(url: str) -> None:
    name = sql.Identifier(url.rpartition("/")[2])
    with psycopg.connect(_url_for(url, MAINTENANCE_DB), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def manage(url: str, *args: str) -> tuple[float, float, str]:
    """`manage.py ARGS` in its own process: wall seconds, peak RSS in MB, what it printed."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "permitdesk.site.settings"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{out}")
    return seconds, usage.ru_maxrss / 1024, out


def prepare(url: str) -> None:
    manage(url, "migrate", "--noinput", "-v", "0")
    manage(url, "load_jurisdictions")
    script = (
        "from django.contrib.auth.models import User\n"
        "from permitdesk.accounts.models import Membership, Role\n"
        "from permitdesk.records.models import Jurisdiction\n"
        "u = User.objects.create_user('bench-clerk', 'clerk@example.test', 'x')\n"
        "Membership.objects.create(user=u, role=Role.CLERK,"
        " jurisdiction=Jurisdiction.objects.get(slug='clayton-mo'))\n"
    )
    manage(url, "shell", "-c", script)


def issued_on(n: int) -> dt.date:
    """Spread over the last four years, so every five-year Clayton term is still running."""
    return TODAY - dt.timedelta(days=1 + n % (4 * 365))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29
        return day.replace(year=day.year + years, day=28)


def write_files(folder: Path, units: int, permits: int) -> dict[str, Path]:
    parcels = (units + UNITS_PER_PARCEL - 1) // UNITS_PER_PARCEL
    files = {kind: folder / f"{kind}.csv" for kind in ("properties", "units", "permits")}
    with files["properties"].open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["parcel_id", "address", "city", "state", "zip_code"])
        for p in range(parcels):
            out.writerow([f"B{p:07d}", f"{p + 1} Bench St", "Clayton", "MO", "63105"])
    with files["units"].open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["parcel_id", "label", "unit_type", "units_in_building", "bedroom_areas"])
        for u in range(units):
            areas = f"{100 + u % 50};{80 + u % 30}.5"
            out.writerow([f"B{u // UNITS_PER_PARCEL:07d}", f"{u % UNITS_PER_PARCEL + 1}",
                          "apartment", UNITS_PER_PARCEL, areas])  # fmt: skip
    with files["permits"].open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["number", "parcel_id", "unit_label", "issued_on", "ends_on"])
        step = max(units // permits, 1)
        for n, u in enumerate(range(0, units, step)[:permits]):
            day = issued_on(n)
            out.writerow([f"CM-B{n:07d}", f"B{u // UNITS_PER_PARCEL:07d}",
                          f"{u % UNITS_PER_PARCEL + 1}", day, add_years(day, 5)])  # fmt: skip
    return files


def copy_rows(url: str, units: int, permits: int) -> float:
    """The baseline: the same properties, units, bedrooms, cases and permits COPYed in, no
    check, no audit. Seconds."""
    t0 = time.perf_counter()
    parcels = (units + UNITS_PER_PARCEL - 1) // UNITS_PER_PARCEL
    now = dt.datetime.now(dt.UTC)
    with psycopg.connect(url) as conn:
        jid, uid = conn.execute(
            "SELECT (SELECT id FROM records_jurisdiction WHERE slug = 'clayton-mo'),"
            " (SELECT id FROM auth_user WHERE username = 'bench-clerk')"
        ).fetchone() or (0, 0)

        def copy(table: str, columns: str, rows: object) -> None:
            with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as stream:
                for row in rows:  # type: ignore[attr-defined]
                    stream.write_row(row)

        copy("records_property", "id, jurisdiction_id, parcel_id, address, normalized_address,"
             " city, state, zip_code",
             ((p + 1, jid, f"B{p:07d}", f"{p + 1} Bench St", f"{p + 1} BENCH ST", "Clayton",
               "MO", "63105") for p in range(parcels)))  # fmt: skip
        copy("records_unit", "id, property_id, label, unit_type, units_in_building,"
             " new_construction",
             ((u + 1, u // UNITS_PER_PARCEL + 1, str(u % UNITS_PER_PARCEL + 1), "apartment",
               UNITS_PER_PARCEL, False) for u in range(units)))  # fmt: skip
        copy("records_bedroom", "unit_id, area_sqft, basement, smoke_alarm",
             ((u + 1, area, False, True) for u in range(units)
              for area in (100 + u % 50, 80.5 + u % 30)))  # fmt: skip
        step = max(units // permits, 1)
        chosen = list(enumerate(range(0, units, step)[:permits]))
        copy("cases_application", "id, jurisdiction_id, unit_id, applicant_id, fee_item, trigger,"
             " occupied, channel, status, submitted_at, processed_at, balance_due",
             ((n + 1, jid, u + 1, uid, "residential-occupancy", "change-of-occupancy", False,
               "in-person", "issued", now, now, 0) for n, u in chosen))  # fmt: skip
        copy("cases_permit", "application_id, number, kind, issued_at, ends_on,"
             " verification_token, evidence, end_reason",
             ((n + 1, f"CM-B{n:07d}", "standard", now, add_years(issued_on(n), 5),
               f"t{n}", "", "") for n, _ in chosen))  # fmt: skip
    return time.perf_counter() - t0


def counts(url: str) -> str:
    with psycopg.connect(url) as conn:
        found = [
            conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()
            for t in ("records_unit", "records_bedroom", "cases_permit", "audit_auditevent")
        ]
    units, rooms, permits, events = (row[0] if row else 0 for row in found)
    return f"{units:,} units, {rooms:,} bedrooms, {permits:,} permits, {events:,} audit events"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--database-url",
        default="postgres://permitdesk:permitdesk@127.0.0.1:5432/permitdesk_h3_import_bench",
        help="the database to drop, create, load and drop again (a _copy twin for the baseline)",
    )
    p.add_argument("--units", type=int, default=100_000)
    p.add_argument("--permits", type=int, default=None, help="default: half the units")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    url: str = args.database_url
    twin = f"{url}_copy"
    units, permits = args.units, args.permits or args.units // 2
    name = url.rpartition("/")[2]
    say(
        f"PermitDesk import benchmark — Python {platform.python_version()}, {os.cpu_count()} "
        f"cores, database {name}; {units:,} units, {permits:,} permits"
    )
    figures: dict[str, tuple[float, float]] = {}
    try:
        for where in (url, twin):
            recreate(where)
            prepare(where)
        with tempfile.TemporaryDirectory() as folder:
            files = write_files(Path(folder), units, permits)
            for kind in ("properties", "units", "permits"):
                seconds, mb, out = manage(
                    url, "import_records", kind, str(files[kind]),
                    "--actor", "bench-clerk", "--jurisdiction", "clayton-mo",
                )  # fmt: skip
                figures[kind] = (seconds, mb)
                say(f"  {kind}: {seconds:.1f} s, peak {mb:.0f} MB; {out.strip().splitlines()[-2]}")
            for kind in ("units", "permits"):
                seconds, mb, out = manage(
                    url, "import_records", kind, str(files[kind]),
                    "--actor", "bench-clerk", "--jurisdiction", "clayton-mo",
                )  # fmt: skip
                figures[f"{kind} again"] = (seconds, mb)
                say(f"  {kind} again: {seconds:.1f} s, peak {mb:.0f} MB; "
                    f"{out.strip().splitlines()[-2]}")  # fmt: skip
        say(f"  imported: {counts(url)}")
        baseline = copy_rows(twin, units, permits)
        say(f"  baseline COPY of the same rows (no checks, no audit): {baseline:.1f} s; "
            f"{counts(twin)}")  # fmt: skip
    finally:
        drop(url)
        drop(twin)
    total = sum(figures[k][0] for k in ("properties", "units", "permits"))
    peak = max(mb for _, mb in figures.values())
    met = total < TARGET_S and peak < TARGET_MB
    say(
        f"\nimport: {total:.1f} s for properties, units and permits (target < {TARGET_S:.0f} s), "
        f"peak memory {peak:.0f} MB (target < {TARGET_MB:.0f} MB) — {'met' if met else 'MISSED'}; "
        f"{total / baseline:.1f}x the plain COPY"
    )
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
