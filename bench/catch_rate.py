"""Finding the changes nobody reported, at St. Louis County's scale, in PostgreSQL: the catch
rate, the precision of the leads, the review queue, and the time and peak memory of importing
and matching a year's sales file.

Makes a fresh database (`permitdesk_h6_catch_bench`), migrates it, COPYs in a synthetic county
(bench/_county.py: 94,500 houses, duplexes and condominiums; a year of sales at 9% turnover;
half the buyers applying on their own, in time) and keys its units (`manage.py
discovery_sweep`, once, as when the records are loaded). Then, as an operator runs them, each
in its own process: `manage.py import_sales` of the noisy export (measured: the target), and
`manage.py discovery_sweep` after the deadlines (the leads). The baseline, measured in the
same run: a plain COPY of the same file into a scratch table, and the county's own 50%.

Catch rate: the counted sales that end in an application or a live lead on the right unit.
Precision: the leads on the right property with truly no application. Not a test: exits 0
whatever it measures; --check exits 1 when a target is missed.

    .venv/bin/python bench/catch_rate.py --units 10000   # quicker; the default is 94,500
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "bench") not in sys.path:
    sys.path.insert(0, str(REPO / "bench"))

import _county  # noqa: E402

operator = importlib.import_module("import")  # bench/import.py: recreate, drop, manage

SLUG = "st-louis-county-mo"
NOW = dt.datetime(2026, 11, 18, 12, 0, tzinfo=ZoneInfo("America/Chicago"))
SALES_END = NOW.date() - dt.timedelta(days=35)  # every sale past its 30 days at NOW
PROPERTY_COLUMNS = (
    "id, jurisdiction_id, parcel_id, address, normalized_address, city, state, zip_code"
)
UNIT_COLUMNS = "id, property_id, label, unit_type, units_in_building, new_construction"
APPLICATION_COLUMNS = (
    "jurisdiction_id, unit_id, applicant_id, fee_item, trigger, occupied, channel, status,"
    " submitted_at, processed_at, balance_due"
)
SEQUENCE = "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT max(id) FROM {0}))"
OUTCOMES = (
    "SELECT e.grantee, e.match, e.property_id, e.unit_id, l.status"
    " FROM discovery_changeevidence e LEFT JOIN discovery_lead l ON l.evidence_id = e.id"
)
TARGETS = {"catch": 0.98, "precision": 0.99, "seconds": 60.0, "mb": 300.0}


def say(*parts: object) -> None:
    print(*parts, flush=True)


def _copy(
    conn: psycopg.Connection, table: str, columns: str, rows: Iterable[tuple[object, ...]]
) -> None:
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as stream:
        for row in rows:
            stream.write_row(row)


def load(
    url: str, made: _county.County, found: list[_county.Sale], rng: random.Random
) -> dict[str, int]:
    """The county's properties and units, the bench clerk, and the applications: the buyers
    who apply on their own (in the 60 days before to 25 after the recording), and as many on
    units nobody sold. Returns the unit ids by (parcel, label)."""
    operator.manage(
        url,
        "shell",
        "-c",
        (
            "from django.contrib.auth.models import User\n"
            "from permitdesk.accounts.models import Membership, Role\n"
            "from permitdesk.records.models import Jurisdiction\n"
            "u = User.objects.create_user('bench-clerk', 'clerk@example.test', 'x')\n"
            "Membership.objects.create(user=u, role=Role.CLERK,"
            f" jurisdiction=Jurisdiction.objects.get(slug='{SLUG}'))\n"
        ),
    )
    props: list[tuple[int, str, str, str]] = []
    units: list[tuple[int, int, str, str, int]] = []
    ids: dict[str, int] = {}
    for b in made.buildings:
        for p, parcel in enumerate(b.parcels):
            props.append((len(props) + 1, parcel, _county.address(b), b.zip_code))
            labels = b.labels if len(b.parcels) == 1 else (b.labels[p],)
            for label in labels:
                units.append((len(units) + 1, len(props), label, b.kind, len(b.labels)))
                ids[f"{parcel}|{label}"] = len(units)
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT (SELECT id FROM records_jurisdiction WHERE slug = %s),"
            " (SELECT id FROM auth_user WHERE username = 'bench-clerk')",
            (SLUG,),
        ).fetchone()
        assert row is not None
        jid, uid = row
        _copy(
            conn,
            "records_property",
            PROPERTY_COLUMNS,
            ((i, jid, parcel, a, a.upper(), "St. Louis", "MO", z) for i, parcel, a, z in props),
        )
        _copy(
            conn,
            "records_unit",
            UNIT_COLUMNS,
            ((i, p, label, kind, n, False) for i, p, label, kind, n in units),
        )
        _copy(
            conn,
            "cases_application",
            APPLICATION_COLUMNS,
            (
                (
                    jid,
                    uid_,
                    uid,
                    "re-occupancy-permit",
                    "sale",
                    False,
                    "online",
                    "submitted",
                    at,
                    at,
                    80,
                )
                for uid_, at in applications(found, ids, len(units), rng)
            ),
        )
        for table in ("records_property", "records_unit"):
            conn.execute(SEQUENCE.format(table))
        conn.execute("ANALYZE")
    return ids


def _unit_ids(s: _county.Sale, ids: dict[str, int]) -> list[int]:
    b = s.building
    if s.unit < 0:
        return [ids[f"{b.parcels[0]}|{label}"] for label in b.labels]
    parcel = b.parcels[s.unit] if len(b.parcels) > 1 else b.parcels[0]
    return [ids[f"{parcel}|{b.labels[s.unit]}"]]


def applications(
    found: list[_county.Sale], ids: dict[str, int], units: int, rng: random.Random
) -> Iterable[tuple[int, dt.datetime]]:
    sold = set()
    for s in found:
        unit_ids = _unit_ids(s, ids)
        sold.update(unit_ids)
        if s.applies:
            day = s.recorded + dt.timedelta(days=rng.randint(-60, 25))
            yield unit_ids[0], dt.datetime.combine(day, dt.time(10), tzinfo=NOW.tzinfo)
    for _ in range(sum(s.applies for s in found)):  # rentals and others nobody sold
        unit = rng.randint(1, units)
        if unit not in sold:
            day = SALES_END - dt.timedelta(days=rng.randint(0, 364))
            yield unit, dt.datetime.combine(day, dt.time(10), tzinfo=NOW.tzinfo)


def baseline_copy(url: str, path: Path) -> float:
    """The floor: the same file COPYed into a scratch table, no parse, no check, no audit."""
    t0 = time.perf_counter()
    with psycopg.connect(url) as conn:
        conn.execute(
            "CREATE TEMP TABLE sales_copy (" + ", ".join(f"{c} text" for c in _county.HEADER) + ")"
        )
        with conn.cursor().copy(
            "COPY sales_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
        ) as stream:
            stream.write(path.read_bytes())
    return time.perf_counter() - t0


def outcomes(url: str, found: list[_county.Sale], ids: dict[str, int]) -> dict[str, float]:
    with psycopg.connect(url) as conn:
        got = {
            grantee: (match, prop, unit, status)
            for grantee, match, prop, unit, status in conn.execute(OUTCOMES)
        }
        owner: dict[int, int] = dict(
            conn.execute("SELECT id, property_id FROM records_unit").fetchall()
        )
    counted = [s for s in found if s.counted]
    caught = wrong = leads = 0
    for s in counted:
        match, prop, unit, status = got[s.grantee]
        right = _unit_ids(s, ids)
        on_target = prop == owner[right[0]] and (unit is None or unit in right)
        live = status in ("open", "escalated")
        leads += status is not None
        caught += s.applies or (live and on_target)
        wrong += status is not None and (not on_target or s.applies)
    leads += sum(got[s.grantee][3] is not None for s in found if not s.counted)
    wrong += sum(got[s.grantee][3] is not None for s in found if not s.counted)
    matches: dict[str, int] = {}
    for match, *_ in got.values():
        matches[match] = matches.get(match, 0) + 1
    return {
        "sales": len(found),
        "counted": len(counted),
        "own": sum(s.applies for s in counted),
        "catch": caught / max(len(counted), 1),
        "leads": leads,
        "precision": (leads - wrong) / max(leads, 1),
        "wrong": wrong,
        **{f"match {k}": v for k, v in sorted(matches.items())},
    }


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--database-url",
        default="postgres://permitdesk:permitdesk@127.0.0.1:5432/permitdesk_h6_catch_bench",
        help="the database to drop, create, load and drop again",
    )
    p.add_argument("--units", type=int, default=94_500)
    p.add_argument("--turnover", type=float, default=0.09, help="share of units sold in the year")
    p.add_argument("--seed", type=int, default=21)
    p.add_argument(
        "--keep",
        action="store_true",
        help="leave the database for a look, and the sales file in var/catch_rate_sales.csv",
    )
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    url: str = args.database_url
    rng = random.Random(args.seed)
    made = _county.county(args.units, rng)
    found = _county.sales(made, rng, SALES_END, args.turnover)
    say(
        f"PermitDesk catch-rate benchmark — Python {platform.python_version()}, {os.cpu_count()} "
        f"cores, database {url.rpartition('/')[2]}; {made.units:,} units in "
        f"{len(made.buildings):,} buildings, {len(found):,} recorded transfers"
    )
    try:
        operator.recreate(url)
        operator.manage(url, "migrate", "--noinput", "-v", "0")
        operator.manage(url, "load_jurisdictions")
        t0 = time.perf_counter()
        ids = load(url, made, found, rng)
        say(f"  county loaded by COPY in {time.perf_counter() - t0:.1f} s")
        seconds, mb, out = operator.manage(
            url,
            "discovery_sweep",
            "--jurisdiction",
            SLUG,
            "--now",
            SALES_END.isoformat() + "T00:00-06:00",
        )
        say(
            f"  units keyed once (as when the records are loaded):"
            f" {seconds:.1f} s, peak {mb:.0f} MB"
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sales.csv"
            _county.write(path, found, rng)
            if args.keep:
                (REPO / "var").mkdir(exist_ok=True)
                (REPO / "var" / "catch_rate_sales.csv").write_bytes(path.read_bytes())
            seconds, mb, out = operator.manage(
                url, "import_sales", str(path), "--jurisdiction", SLUG, "--actor", "bench-clerk"
            )
            say(f"  import_sales + matching: {seconds:.1f} s, peak {mb:.0f} MB")
            say("    " + "\n    ".join(out.strip().splitlines()[-3:]))
            floor = baseline_copy(url, path)
        sweep_s, sweep_mb, out = operator.manage(
            url, "discovery_sweep", "--jurisdiction", SLUG, "--now", NOW.isoformat()
        )
        say(
            f"  discovery_sweep at {NOW:%Y-%m-%d}: {sweep_s:.1f} s, peak {sweep_mb:.0f} MB;"
            f" {out.strip()}"
        )
        got = outcomes(url, found, ids)
    finally:
        if not args.keep:
            operator.drop(url)
    for name, value in got.items():
        say(f"  {name}: {value:.4f}" if isinstance(value, float) else f"  {name}: {value:,}")
    met = (
        got["catch"] >= TARGETS["catch"]
        and got["precision"] >= TARGETS["precision"]
        and seconds < TARGETS["seconds"]
        and mb < TARGETS["mb"]
    )
    own = got["own"] / max(got["counted"], 1)
    say(
        f"\ncatch rate {got['catch']:.1%} (target ≥ 98%; {got['catch'] / own:.2f}x the {own:.0%} "
        f"who apply on their own), lead precision {got['precision']:.2%} (target ≥ 99%), "
        f"review queue {got.get('match review', 0):,}, import and match {seconds:.1f} s "
        f"(target < 60 s; {seconds / floor:.0f}x a plain COPY of the file, {floor:.2f} s), "
        f"peak {mb:.0f} MB (target < 300 MB) — {'met' if met else 'MISSED'}"
    )
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
