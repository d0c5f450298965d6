"""bench/pages.py's parts: the two databases it keeps (built once, reused), the people the
pages are asked for as, the pages, and the server CPU a request costs (the app's gunicorn
workers and their PostgreSQL backends, read from /proc in nanoseconds)."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import psycopg

from _database import Subjects, db_name, migrate, pick_subjects, recreate_database
from _dataset import NOW
from _load import Loader


@dataclass(frozen=True)
class Size:
    url: str
    cases: int
    units: int
    applicants: int


def with_db(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def cases_in(url: str) -> int | None:
    """The cases a database holds; None when it does not exist or was never loaded."""
    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM cases_application").fetchone()
    except psycopg.Error:
        return None
    return int(row[0]) if row else None


def ensure(size: Size, small: Size, digest: object, rebuild: bool) -> tuple[bool, float]:
    """Build the database of `size` unless it already holds exactly that many cases (then only
    migrate it: new indexes are built on the kept rows). The first `small.cases` cases are
    loaded as the small database's, with the same seed, so both hold the same first cases and
    the same people. Whether it was built, and the seconds it took."""
    import time

    t0 = time.perf_counter()
    if not rebuild and cases_in(size.url) == size.cases:
        migrate(size.url)
        return False, time.perf_counter() - t0
    recreate_database(size.url)
    migrate(size.url)
    loader = Loader(size.url, digest)  # type: ignore[arg-type]
    loader.load_stage(small.cases, small.units, small.applicants)
    if size.cases > small.cases:
        loader.load_stage(
            size.cases - small.cases, size.units - small.units, size.applicants - small.applicants
        )
    return True, time.perf_counter() - t0


@dataclass(frozen=True)
class People:
    subjects: Subjects
    case: int  # the clerk jurisdiction's case with the most inspections
    inspector: int
    ahead: int  # the day sheet's ?ahead= with most of the inspector's visits
    permit: str  # a permit number of the clerk's jurisdiction, for the verify page
    street: str  # a street name alone
    phone: str  # an inspection request's contact phone
    name: str  # the start of a last name


def people(url: str, today: dt.date) -> People:
    """Who and what the pages are asked for, read from the small database (so the same at
    both sizes)."""
    subjects = pick_subjects(url)
    jid = subjects.clerk_jurisdiction_id
    with psycopg.connect(url) as conn:

        def one(statement: str, *params: object) -> tuple[object, ...]:
            row = conn.execute(statement, params).fetchone()
            assert row is not None, statement
            return tuple(row)

        (case,) = one(
            """SELECT a.id FROM cases_application a WHERE a.jurisdiction_id = %s
               ORDER BY (SELECT count(*) FROM cases_inspection i WHERE i.application_id = a.id)
                 DESC, a.id LIMIT 1""",
            jid,
        )
        back, ahead = today - dt.timedelta(days=14), today + dt.timedelta(days=30)
        inspector, day = one(
            """SELECT m.user_id, coalesce(
                 (SELECT i.scheduled_on FROM cases_inspection i WHERE i.inspector_id = m.user_id
                    AND i.scheduled_on BETWEEN %s AND %s
                  GROUP BY i.scheduled_on ORDER BY count(*) DESC, 1 LIMIT 1), %s)
               FROM accounts_membership m WHERE m.role = 'inspector' AND m.jurisdiction_id = %s
               ORDER BY (SELECT count(*) FROM cases_inspection i
                          WHERE i.inspector_id = m.user_id) DESC, m.user_id LIMIT 1""",
            back,
            ahead,
            today,
            jid,
        )
        (permit,) = one(
            """SELECT p.number FROM cases_permit p JOIN cases_application a
                 ON a.id = p.application_id WHERE a.jurisdiction_id = %s ORDER BY p.id LIMIT 1""",
            jid,
        )
        (address,) = one(
            "SELECT address FROM records_property WHERE jurisdiction_id = %s ORDER BY id LIMIT 1",
            jid,
        )
        (phone,) = one(
            """SELECT r.contact_phone FROM cases_inspectionrequest r JOIN cases_application a
                 ON a.id = r.application_id WHERE a.jurisdiction_id = %s AND r.contact_phone <> ''
               ORDER BY r.id LIMIT 1""",
            jid,
        )
        (last,) = one("SELECT last_name FROM auth_user WHERE id = %s", subjects.applicant)
    assert isinstance(day, dt.date)
    street = " ".join(str(address).split()[1:])  # "12 Forsyth Blvd" -> "Forsyth Blvd"
    return People(
        subjects,
        int(str(case)),
        int(str(inspector)),
        (day - today).days,
        str(permit),
        street.split()[0] if street else str(address),
        str(phone),
        str(last)[:4],
    )


def pages(p: People, queues: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(label, path, who) of every page a person uses; who is "clerk", "inspector",
    "applicant" or "" (nobody signed in)."""
    slug = p.subjects.clerk_jurisdiction
    q = urllib.parse.quote_plus
    found = [("staff home", "/staff/", "clerk")]
    found += [(f"queue {name}", f"/staff/{slug}/queues/{name}/", "clerk") for name in queues]
    found += [
        ("search: street name", f"/staff/search/?q={q(p.street)}", "clerk"),
        ("search: case number", f"/staff/search/?q={p.case}", "clerk"),
        ("search: phone", f"/staff/search/?q={q(p.phone)}", "clerk"),
        ("search: partial name", f"/staff/search/?q={q(p.name)}", "clerk"),
        ("staff case page", f"/staff/cases/{p.case}/", "clerk"),
        ("inspector's day sheet", f"/staff/inspections/today/?ahead={p.ahead}", "inspector"),
        ("applicant's case list", "/cases/", "applicant"),
        ("public verify page", f"/verify/?number={q(p.permit)}", ""),
    ]
    return found


def day_sheet_today() -> dt.date:
    """The day sheet counts from the real today (the data set's is NOW)."""
    return max(dt.datetime.now(dt.UTC).date(), NOW)


# --- server CPU --------------------------------------------------------------------------


def on_cpu_ns(pid: int) -> int:
    """Nanoseconds a process's threads have run (schedstat; 0 if it is gone)."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += int((task / "schedstat").read_text().split()[0])
    except OSError:
        return total
    return total


def backends(url: str) -> set[int]:
    """The PostgreSQL backends connected to the bench database (the app's), but this one."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (db_name(url),),
        ).fetchall()
    return {int(r[0]) for r in rows}


@dataclass
class CpuMeter:
    """Server CPU between two readings: the app's workers and the bench database's backends."""

    workers: set[int]
    url: str

    def read(self) -> tuple[dict[int, int], dict[int, int]]:
        return (
            {pid: on_cpu_ns(pid) for pid in self.workers},
            {pid: on_cpu_ns(pid) for pid in backends(self.url)},
        )

    @staticmethod
    def spent(
        before: tuple[dict[int, int], dict[int, int]], after: tuple[dict[int, int], dict[int, int]]
    ) -> tuple[float, float]:
        """(app, database) CPU seconds between the readings."""
        app = sum(after[0][p] - before[0].get(p, 0) for p in after[0])
        db = sum(after[1][p] - before[1].get(p, 0) for p in after[1])
        return app / 1e9, db / 1e9


def ensure_both(large: Size, small: Size, digest: object, rebuild: bool) -> list[str]:
    notes = []
    for size in (small, large):
        built, seconds = ensure(size, small, digest, rebuild)
        notes.append(
            f"{db_name(size.url)}: {size.cases:,} cases "
            + (f"built in {seconds:.0f} s" if built else f"reused (migrated in {seconds:.0f} s)")
        )
    return notes


__all__ = ["CpuMeter", "Size", "day_sheet_today", "ensure_both", "pages", "people", "with_db"]
