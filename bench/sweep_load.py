"""The sweep benchmark's data: 1,000,000 permits with their applications, units and
properties, approved cases waiting for their occupants, and the village's change-of-occupancy
reports and visitors, COPYed into PostgreSQL with a share due for the sweep.

The share due is a week's work, the sweep having run before (its flags in place): Clayton
permits issued evenly over five years and a week (those past their term end, those whose
60-day notice window opened this week get their notice), St. Clair's temporary permits left
beside a certificate issued this week (1 % of its cases have one; earlier runs ended the
rest), 2 % of cases approved and waiting (approvals a week past their window lapse, those
whose lead time began this week are reminded), and the village's reports (10 % late) and
visitors (5 % past 30 days) of the week. With `first_run`, no earlier run: every notice and
reminder in its window and every left-over temporary permit is due at once. Everything else
is out of reach of every action, as most of a county's permits are on any day.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import ExitStack
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from _schema import move_sequences
from _sink import Sink as CopySink
from sweep_tables import COLUMNS, TABLES

SLUGS = ("clayton-mo", "st-clair-county-il", "st-louis-county-mo", "village-ord-08-457")
FEE_ITEM = {
    "clayton-mo": "residential-occupancy",
    "st-clair-county-il": "occupancy-inspection",
    "st-louis-county-mo": "re-occupancy-permit",
    "village-ord-08-457": "occupancy-permit",
}
# Days an approval runs, as the packs set them (Clayton 90, St. Clair a year, the county 120,
# the village a year); the sweep reads the packs, the loader only spreads dates around them.
WINDOW_DAYS = {
    "clayton-mo": 90,
    "st-clair-county-il": 365,
    "st-louis-county-mo": 120,
    "village-ord-08-457": 365,
}
TODAY = dt.date(2026, 11, 20)  # the sweep runs as of 06:00 this day, Central time
OVERDUE_DAYS = 7  # a week without a sweep
OVERDUE = dt.timedelta(days=OVERDUE_DAYS)
# The packs' lead times (approval_reminder_lead, permit_ending_notice_lead), to tell which
# reminders earlier runs sent.
REMINDER_LEAD = {
    "clayton-mo": 14,
    "st-clair-county-il": 30,
    "st-louis-county-mo": 14,
    "village-ord-08-457": 30,
}
NOTICE_LEAD = 60
ENDED_SHARE = 0.3  # permits already ended (change of tenancy) long before
TEMPORARY_SHARE = 0.01  # St. Clair's issued cases with a temporary permit left in force
APPROVED_SHARE = 0.02  # cases approved, waiting for their occupants (no permit)
REPORTS = 2000  # the village's change-of-occupancy reports, 10 % late
VISITORS = 2000  # the village's visitors, 5 % past the 30 days
UNITS_PER_PROPERTY = 2  # duplexes: a Type I unit in the village


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def defaults(conninfo: str) -> dict[str, dict[str, str]]:
    """Per table, the NOT NULL columns COLUMNS leaves out, at their Django default as COPY
    text (Django keeps defaults in Python, so the database has none)."""
    from django.apps import apps

    models = {m._meta.db_table: m for m in apps.get_models()}
    found: dict[str, dict[str, str]] = {}
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(
            """SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name::text = ANY(%s::text[])
                  AND is_nullable = 'NO' AND column_default IS NULL""",
            (list(TABLES),),
        ).fetchall()
    for table, column in rows:
        if column in COLUMNS[table]:
            continue
        fields = [f for f in models[table]._meta.concrete_fields if f.column == column]
        value = fields[0].get_default() if fields else None
        if value is None:
            raise RuntimeError(f"{table}.{column} is NOT NULL without a default: add it here")
        text = ("t" if value else "f") if isinstance(value, bool) else str(value)
        found.setdefault(table, {})[column] = text
    return found


class Sink(CopySink):
    """bench/_load.py's COPY sink over this loader's columns, fed a row's values."""

    def __init__(self, stack: ExitStack, conninfo: str, table: str, filled: dict[str, str]):
        super().__init__(stack, conninfo, table, filled, columns=COLUMNS[table])

    def row(self, *values: object) -> None:
        self.put("\t".join("\\N" if v is None else str(v) for v in values))


@dataclass
class Loaded:
    rows: dict[str, int] = field(default_factory=dict)
    permits: int = 0


def _moment(day: dt.date, hour: int = 16) -> str:
    return f"{day.isoformat()} {hour:02d}:00:00+00"


class Generator:
    """Streams the rows: nothing of the data set is held in memory."""

    def __init__(
        self, sinks: dict[str, Sink], jurisdiction_ids: dict[str, int], seed: int, first_run: bool
    ):
        self.s = sinks
        self.first_run = first_run
        # Flags of earlier runs, written after the rows they name (a few thousand at most).
        self.flags: list[tuple[str, str, int, int, int | None, str, dt.date]] = []
        self.jid = jurisdiction_ids
        self.rng = random.Random(seed)
        self.next_id = dict.fromkeys(TABLES, 1)
        self.applicants: list[int] = []
        self.village_units: list[int] = []
        self.village_cases: list[int] = []
        self.open_property: dict[str, tuple[int, int]] = {}  # slug -> (property, units on it)

    def take(self, table: str) -> int:
        n = self.next_id[table]
        self.next_id[table] = n + 1
        return n

    def users(self, count: int) -> None:
        for _ in range(count):
            pk = self.take("auth_user")
            self.s["auth_user"].row(
                pk, "!", "f", f"bench-owner-{pk}", "Owen", f"Owner{pk}",
                f"owner{pk}@example.test", "f", "t", _moment(TODAY, 12),
            )  # fmt: skip
            self.applicants.append(pk)

    def _unit(self, slug: str) -> int:
        """A new unit: every second one in a jurisdiction starts a new duplex there."""
        unit = self.take("records_unit")
        prop, used = self.open_property.get(slug, (0, UNITS_PER_PROPERTY))
        if used == UNITS_PER_PROPERTY:
            prop, used = self.take("records_property"), 0
            street = f"{prop} Bench St"
            self.s["records_property"].row(
                prop, self.jid[slug], f"B-{prop}", street, street.upper(), "Clayton", "MO", "63105"
            )
        self.open_property[slug] = (prop, used + 1)
        self.s["records_unit"].row(unit, prop, "AB"[used], "duplex", UNITS_PER_PROPERTY)
        if slug == "village-ord-08-457" and len(self.village_units) < REPORTS:
            self.village_units.append(unit)
        return unit

    def _application(self, slug: str, status: str, submitted: dt.date) -> int:
        pk = self.take("cases_application")
        applicant = self.applicants[pk % len(self.applicants)]
        self.s["cases_application"].row(
            pk, self.jid[slug], self._unit(slug), applicant, FEE_ITEM[slug], "lease", "f",
            status, _moment(submitted, 15), _moment(submitted, 16),
        )  # fmt: skip
        return pk

    def _permit(
        self, application: int, kind: str, issued: dt.date, ends_on: dt.date | None, ended: bool
    ) -> int:
        pk = self.take("cases_permit")
        self.s["cases_permit"].row(
            pk, application, f"BENCH-{pk:07d}-{kind[0].upper()}", kind, _moment(issued),
            ends_on.isoformat() if ends_on else None,
            _moment(issued + (TODAY - issued) / 2) if ended else None,
            "change-of-tenancy" if ended else "", f"bench-token-{pk:09d}",
        )  # fmt: skip
        return pk

    def earlier(
        self,
        kind: str,
        obj: str,
        pk: int,
        slug: str,
        application: int | None,
        raised: dt.date,
        due_on: dt.date,
    ) -> None:
        """A flag an earlier run raised (unless this is the first run ever)."""
        if not self.first_run:
            self.flags.append(
                (kind, obj, pk, self.jid[slug], application, _moment(raised, 12), due_on)
            )  # fmt: skip

    def issued_cases(self, permits: int) -> int:
        """Cases with their permits until `permits` permits are written; returns how many."""
        rng, written, k = self.rng, 0, 0
        term_days = 5 * 365 + 1 + OVERDUE_DAYS
        while written < permits:
            slug = SLUGS[k % len(SLUGS)]
            k += 1
            issued = TODAY - dt.timedelta(days=rng.randrange(term_days))
            ended = rng.random() < ENDED_SHARE
            application = self._application(slug, "ended" if ended else "issued", issued)
            # Clayton's five-year term: those issued five years and up to a week ago are past it.
            ends_on = add_years(issued, 5) if slug == "clayton-mo" else None
            permit = self._permit(application, "standard", issued, ends_on, ended)
            written += 1
            notice_from = ends_on - dt.timedelta(days=NOTICE_LEAD) if ends_on else None
            if ends_on and notice_from and not ended and notice_from < TODAY - OVERDUE < ends_on:
                self.earlier(
                    "permit-ending-notice", "Permit", permit, slug, application, notice_from,
                    ends_on,
                )  # fmt: skip
            if slug == "st-clair-county-il" and not ended and rng.random() < TEMPORARY_SHARE:
                # Left in force beside the certificate; an earlier run ended the older ones.
                left = self.first_run or issued >= TODAY - OVERDUE
                self._permit(
                    application, "temporary", issued - dt.timedelta(days=20), None, not left
                )
                written += 1
        return written

    def approved_cases(self, count: int) -> None:
        rng = self.rng
        for k in range(count):
            slug = SLUGS[k % len(SLUGS)]
            window = WINDOW_DAYS[slug]
            approved = TODAY - dt.timedelta(days=rng.randrange(window + OVERDUE_DAYS))
            application = self._application(slug, "approved", approved - dt.timedelta(days=3))
            if slug == "village-ord-08-457":
                self.village_cases.append(application)
            last_day = (
                add_years(approved, 1) if window == 365 else approved + dt.timedelta(days=window)
            )
            approval = self.take("cases_approval")
            self.s["cases_approval"].row(
                approval, application, approved.isoformat(), last_day.isoformat()
            )
            remind_from = last_day - dt.timedelta(days=REMINDER_LEAD[slug])
            if remind_from < TODAY - OVERDUE and last_day >= TODAY:
                kind = (
                    "occupant-deadline-reminder"
                    if slug == "st-louis-county-mo"
                    else "approval-lapse-reminder"
                )
                self.earlier(kind, "Approval", approval, slug, application, remind_from, last_day)

    def village(self) -> None:
        rng = self.rng
        for unit in self.village_units:
            changed = TODAY - dt.timedelta(days=rng.randrange(30, 400))
            late = rng.random() < 0.1
            reported = changed + dt.timedelta(
                days=rng.randrange(31, 60) if late else rng.randrange(1, 30)
            )
            due_on = changed + dt.timedelta(days=30)
            report = self.take("cases_changeofoccupancyreport")
            self.s["cases_changeofoccupancyreport"].row(
                report, unit, changed.isoformat(), _moment(reported), reported.isoformat(),
                self.applicants[0], due_on.isoformat(),
            )  # fmt: skip
            if late and reported < TODAY - OVERDUE:
                village = "village-ord-08-457"
                self.earlier(
                    "late-change-report", "ChangeOfOccupancyReport", report, village, None,
                    reported, due_on,
                )  # fmt: skip
        for n in range(VISITORS):
            long_stay = rng.random() < 0.05
            arrived = TODAY - dt.timedelta(
                days=rng.randrange(31, 60) if long_stay else rng.randrange(0, 25)
            )
            left = None if long_stay or rng.random() < 0.5 else TODAY
            visitor, case = (
                self.take("cases_visitor"),
                self.village_cases[n % len(self.village_cases)],
            )
            self.s["cases_visitor"].row(
                visitor, case, f"Visitor {n}", arrived.isoformat(),
                left.isoformat() if left else None,
            )  # fmt: skip
            last_day = arrived + dt.timedelta(days=29)
            if long_stay and last_day < TODAY - OVERDUE:
                self.earlier(
                    "visitor-past-period", "Visitor", visitor, "village-ord-08-457", case,
                    last_day + dt.timedelta(days=1), last_day,
                )  # fmt: skip
        for kind, obj, pk, jurisdiction, application, raised, due_on in self.flags:
            self.s["sweeps_flag"].row(
                self.take("sweeps_flag"), kind, obj, pk, jurisdiction, application, raised,
                due_on.isoformat(), "raised by an earlier run", "",
            )  # fmt: skip


def load(conninfo: str, permits: int, first_run: bool = False, seed: int = 20261120) -> Loaded:
    """COPY the data set in; the schema's indexes and constraints are the caller's business.

    By default the flags and reminders of earlier runs are there, and only a week's are due;
    `first_run`: none are, as when the sweep first runs on a permit file (its whole backlog)."""
    with psycopg.connect(conninfo) as conn:
        jurisdictions = {
            str(slug): int(pk)
            for slug, pk in conn.execute("SELECT slug, id FROM records_jurisdiction")
        }
        start = {
            table: int(conn.execute(sql.SQL("SELECT coalesce(max(id), 0) + 1 FROM {}").format(
                sql.Identifier(table))).fetchone()[0])  # type: ignore[index]
            for table in TABLES
        }  # fmt: skip
    filled = defaults(conninfo)
    loaded = Loaded()
    # The village's reports and visitors go in after the rest is committed: their foreign
    # keys (bench/_schema.py drops only those of the api benchmark's tables) check against it.
    village = ("cases_changeofoccupancyreport", "cases_visitor", "sweeps_flag")
    with ExitStack() as stack:
        sinks = {t: Sink(stack, conninfo, t, filled.get(t, {})) for t in TABLES if t not in village}
        gen = Generator(sinks, jurisdictions, seed, first_run)
        gen.next_id.update(start)
        gen.users(max(1, permits // 25))
        loaded.permits = gen.issued_cases(permits)
        gen.approved_cases(round(permits * APPROVED_SHARE))
        for sink in sinks.values():
            sink.flush()
        loaded.rows = {t: s.rows for t, s in sinks.items()}
    with ExitStack() as stack:
        gen.s = {t: Sink(stack, conninfo, t, filled.get(t, {})) for t in village}
        gen.village()
        for sink in gen.s.values():
            sink.flush()
        loaded.rows |= {t: s.rows for t, s in gen.s.items()}
    move_sequences(conninfo, TABLES)
    return loaded
