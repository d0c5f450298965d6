"""The bench data set: a county's worth of case files, streamed into PostgreSQL with COPY.

Rows are made one case at a time and streamed to one COPY per table, all tables at once (one
connection each), in chunks of a few thousand rows: the loader holds a few megabytes of rows
at a time, never the data set (what it keeps is two bytes per unit). Ids are given here
(the sequences are moved past them afterwards), so a case's fee lines, payments,
inspections, approval, occupants and permits are made with the case, in one pass, and each
goes to its table's COPY.

Around a load the tables' secondary indexes, unique constraints and foreign keys are dropped
and then recreated from their own definitions (pg_get_indexdef / pg_get_constraintdef): the
schema after a load is the migrated one, which `restore` checks.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from bisect import bisect
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from _dataset import (
    DAY0,
    FEE_ITEM,
    FIRST,
    INSPECTORS_PER_JURISDICTION,
    LAST,
    METHODS,
    NOW,
    PLACE,
    RELATIONSHIPS,
    SLUGS,
    STATUS_MIX,
    STREETS,
    TOKEN_PREFIX,
    UNIT_TYPES,
    VIOLATIONS,
    WINDOWS,
    quoted_fees,
)
from _schema import drop, move_sequences, restore, secondary_schema, unknown_columns, vacuum_analyze
from _sink import Sink
from _tables import TABLES, copy_text
from permitdesk.law.loader import get_pack


@dataclass
class Counters:
    """The next id of each table (ids are given by the loader, across stages)."""

    next: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 1))

    def take(self, table: str, n: int = 1) -> int:
        first = self.next[table]
        self.next[table] = first + n
        return first


@dataclass
class StageResult:
    rows: dict[str, int]
    dropped: int
    copy_s: float
    index_s: float
    analyze_s: float

    @property
    def total_s(self) -> float:
        return self.copy_s + self.index_s + self.analyze_s


class Loader:
    """Loads the data set in stages: each stage adds applicants, units and applications."""

    def __init__(self, conninfo: str, digest: Callable[[str], str], seed: int = 20261120) -> None:
        self.conninfo = conninfo
        self.digest = digest
        self.rng = random.Random(seed)
        self.ids = Counters()
        self.fees = [quoted_fees(slug) for slug in SLUGS]
        self.unit_jur = bytearray(b"\x00")  # unit id -> jurisdiction index (id 0 unused)
        self.unit_type = bytearray(b"\x00")  # unit id -> index in UNIT_TYPES
        self.clerks: list[int] = []  # by jurisdiction index
        self.inspectors: list[list[int]] = []
        self.days = [(DAY0 + dt.timedelta(days=d)).isoformat() for d in range(365 * 12)]
        self.compact = [d.replace("-", "") for d in self.days]
        self.times = [f"{m // 60:02d}:{m % 60:02d}:00+00" for m in range(1440)]
        self.today = (NOW - DAY0).days
        self.mix_names = [s[0] for s in STATUS_MIX]
        self.mix_cum = list(accumulate(s[1] for s in STATUS_MIX))
        self.mix_age = {s[0]: (s[2], s[3]) for s in STATUS_MIX}

    # --- stages -------------------------------------------------------------------------

    def load_stage(self, applications: int, units: int, applicants: int) -> StageResult:
        """Add `applications` cases on `units` new units, from `applicants` new applicants."""
        saved = secondary_schema(self.conninfo)
        drop(self.conninfo, saved)
        t0 = time.perf_counter()
        filled = unknown_columns(self.conninfo)
        with ExitStack() as stack:
            sinks = {t: Sink(stack, self.conninfo, t, filled.get(t)) for t in TABLES}
            if not self.clerks:
                self._staff(sinks)
            new_applicants = self._applicants(sinks, applicants)
            self._places(sinks, units)
            self._cases(sinks, applications, new_applicants)
            for sink in sinks.values():
                sink.flush()
            rows = {t: s.rows for t, s in sinks.items()}
        # Leaving the stack ends each COPY and commits its connection (foreign keys are off,
        # so the order does not matter).
        t1 = time.perf_counter()
        restore(self.conninfo, saved)
        move_sequences(self.conninfo)
        t2 = time.perf_counter()
        vacuum_analyze(self.conninfo)
        t3 = time.perf_counter()
        return StageResult(rows, len(saved), t1 - t0, t2 - t1, t3 - t2)

    # --- rows ---------------------------------------------------------------------------

    def _ts(self, day: int, minute: int) -> str:
        return f"{self.days[day]} {self.times[minute]}"

    def _user(self, sinks: dict[str, Sink], uid: int, username: str, staff: bool) -> None:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        joined = self._ts(self.rng.randrange(0, self.today), self.rng.randrange(1440))
        flag = "t" if staff else "f"
        sinks["auth_user"].put(
            f"{uid}\t!bench\t\\N\tf\t{username}\t{first}\t{last}\t"
            f"{username}@example.test\t{flag}\tt\t{joined}"
        )
        token = self.ids.take("accounts_apitoken")
        sinks["accounts_apitoken"].put(
            f"{token}\t{uid}\tbench\t{self.digest(TOKEN_PREFIX + str(uid))}\t{joined}\t\\N"
        )

    def _member(self, sinks: dict[str, Sink], uid: int, j: int, role: str) -> None:
        mid = self.ids.take("accounts_membership")
        sinks["accounts_membership"].put(f"{mid}\t{uid}\t{j + 1}\t{role}")

    def _staff(self, sinks: dict[str, Sink]) -> None:
        for j, slug in enumerate(SLUGS):
            jid = self.ids.take("records_jurisdiction")
            sinks["records_jurisdiction"].put(f"{jid}\t{slug}\t{copy_text(get_pack(slug).name)}")
            tag = slug
            clerk = self.ids.take("auth_user")
            self._user(sinks, clerk, f"{tag}-clerk", staff=True)
            self._member(sinks, clerk, j, "clerk")
            self.clerks.append(clerk)
            official = self.ids.take("auth_user")
            self._user(sinks, official, f"{tag}-code-official", staff=True)
            self._member(sinks, official, j, "code-official")
            crew = []
            for k in range(INSPECTORS_PER_JURISDICTION):
                uid = self.ids.take("auth_user")
                self._user(sinks, uid, f"{tag}-inspector-{k + 1}", staff=True)
                self._member(sinks, uid, j, "inspector")
                crew.append(uid)
            self.inspectors.append(crew)

    def _applicants(self, sinks: dict[str, Sink], n: int) -> range:
        first = self.ids.take("auth_user", n)
        for uid in range(first, first + n):
            self._user(sinks, uid, f"applicant-{uid}", staff=False)
        return range(first, first + n)

    def _places(self, sinks: dict[str, Sink], units: int) -> None:
        """Properties until `units` units: mostly houses, some duplexes, condos, apartments."""
        rng, r = self.rng, self.rng.random
        prop, unit, bed = sinks["records_property"], sinks["records_unit"], sinks["records_bedroom"]
        ids = self.ids
        made = 0
        while made < units:
            pid = ids.take("records_property")
            j = rng.randrange(4)
            city, state, zip_code = PLACE[SLUGS[j]]
            number, street = rng.randrange(100, 9999), rng.choice(STREETS)
            address = f"{number} {street}"
            prop.put(
                f"{pid}\t{j + 1}\t{j + 1}-{pid:08d}\t{address}\t{address.upper()}\t"
                f"{city}\t{state}\t{zip_code}"
            )
            x = r()
            if x < 0.70:
                code, count = 0, 1
            elif x < 0.78:
                code, count = 1, 2
            elif x < 0.85:
                code, count = 2, rng.randint(4, 12)
            elif x < 0.98:
                code, count = 3, rng.randint(6, 24)
            else:
                code, count = 4, 1
            count = min(count, units - made)
            first = ids.take("records_unit", count)
            for k in range(count):
                uid = first + k
                label = "" if count == 1 and code in (0, 4) else str(k + 1)
                if code == 1:
                    label = "AB"[k] if k < 2 else str(k + 1)
                alarms = "\\N" if r() < 0.3 else ("t" if r() < 0.9 else "f")
                new = "t" if r() < 0.03 else "f"
                unit.put(
                    f"{uid}\t{pid}\t{label}\t{UNIT_TYPES[code]}\t{count}\t{new}\t{alarms}\t{alarms}"
                )
                self.unit_jur.append(j)
                self.unit_type.append(code)
                rooms = rng.randint(2, 4) if code in (0, 4) else rng.randint(1, 3)
                first_room = ids.take("records_bedroom", rooms)
                for b in range(rooms):
                    area = 70 + rng.randrange(13000) / 100
                    if r() < 0.05:
                        bed.put(f"{first_room + b}\t{uid}\t{area:.2f}\tt\t{5 + r() * 2:.2f}\tt")
                    else:
                        bed.put(f"{first_room + b}\t{uid}\t{area:.2f}\tf\t\\N\tt")
            made += count

    def _cases(self, sinks: dict[str, Sink], n: int, applicants: range) -> None:
        """Each case with its fee lines, payments, inspections, approval, occupants, permits."""
        rng, r, ids = self.rng, self.rng.random, self.ids
        ts, days = self._ts, self.days
        put_app = sinks["cases_application"].put
        put_fee = sinks["cases_feeline"].put
        put_pay = sinks["cases_payment"].put
        put_req = sinks["cases_inspectionrequest"].put
        put_insp = sinks["cases_inspection"].put
        put_vio = sinks["cases_violation"].put
        put_appr = sinks["cases_approval"].put
        put_occ = sinks["cases_occupant"].put
        put_permit = sinks["cases_permit"].put
        units = len(self.unit_jur) - 1
        today = self.today
        for _ in range(n):
            app = ids.take("cases_application")
            unit = 1 + rng.randrange(units)
            j = self.unit_jur[unit]
            slug = SLUGS[j]
            applicant = applicants[rng.randrange(len(applicants))]
            status = self.mix_names[bisect(self.mix_cum, r() * self.mix_cum[-1])]
            lo, hi = self.mix_age[status]
            sday = today - lo - rng.randrange(hi - lo + 1)
            minute = 780 + rng.randrange(540)  # 13:00–21:59 UTC: the county's office hours
            submitted = ts(sday, minute)
            occupied = r() < 0.4
            x = r()
            trigger = (
                "lease"
                if x < 0.55
                else "sale"
                if x < 0.90
                else "change-of-occupancy"
                if x < 0.98
                else "new-construction"
            )
            # Inspections: how many, and how each ended.
            if status == "submitted":
                results: tuple[str, ...] = ()
            elif status == "withdrawn":
                results = ("failed",) if r() < 0.3 else ()
            elif status == "inspection-requested":
                results = ("pending",) if r() < 0.7 else ("failed", "pending")
            elif status in ("failed", "conditional"):
                results = ("failed",) if r() < 0.75 else ("no-access", "failed")
            else:  # approved, issued, ended, lapsed: the last one passed
                results = ("passed",) if r() < 0.7 else ("failed", "passed")
            fees = self.fees[j]
            lines = fees.first[self.unit_type[unit], occupied]
            if len(results) > 1 and fees.again:
                lines = lines + fees.again
            total = Decimal(0)
            for k, ln in enumerate(lines):
                fid = ids.take("cases_feeline")
                waived = "hardship" if r() < 0.01 else ""
                if ln.kind == "fee" and not waived:
                    total += ln.amount
                put_fee(
                    f"{fid}\t{app}\t{ln.fee_item}\t{ln.line_id}\t{ln.label}\t{ln.kind}\t"
                    f"{ln.amount}\t{ln.basis}\t{ln.citation}\t{ts(sday + 10 * k, minute)}\t{waived}"
                )
            clerk = self.clerks[j]
            balance = total  # the stored balance_due: fees not waived, less fee payments
            if total and r() < (0.45 if status == "submitted" else 0.96):
                pday = sday + rng.randrange(3)
                parts = (total,) if r() < 0.9 else (total / 2, total - total / 2)
                for k, amount in enumerate(parts):
                    pay = ids.take("cases_payment")
                    put_pay(
                        f"{pay}\t{app}\t{rng.choice(METHODS)}\t{amount:.2f}\t"
                        f"R{self.compact[pday]}-{app}-{k + 1}\t{clerk}\t"
                        f"{ts(pday + 7 * k, minute + 5)}\t\\N\t\\N\tfee"
                    )
                    balance -= Decimal(f"{amount:.2f}")
            put_app(
                f"{app}\t{j + 1}\t{unit}\t{applicant}\t{FEE_ITEM[slug]}\t{trigger}\t"
                f"{'t' if occupied else 'f'}\t{status}\t{submitted}\t{ts(sday + 2, minute)}\t\\N\t"
                f"{balance:.2f}"
            )
            day = sday + 4
            passed_on, passed_id = -1, 0
            crew = self.inspectors[j]
            for number, result in enumerate(results, start=1):
                req = ids.take("cases_inspectionrequest")
                window = WINDOWS[rng.randrange(3)]
                put_req(
                    f"{req}\t{app}\t{days[day + 3]}\t{window}\t{rng.choice(FIRST)} "
                    f"{rng.choice(LAST)}\t314-555-{rng.randrange(10000):04d}\t"
                    f"{ts(day, minute)}\t{applicant}"
                )
                insp = ids.take("cases_inspection")
                pending = result == "pending"
                inspector = "\\N" if pending and r() < 0.4 else str(rng.choice(crew))
                done = "\\N" if pending else ts(day + 3, 900 + rng.randrange(300))
                put_insp(
                    f"{insp}\t{app}\t{req}\t{number}\t{inspector}\t{days[day + 3]}\t{window}\t"
                    f"{result}\t{{}}\t\t{done}"
                )
                if result == "failed":
                    first = ids.take("cases_violation", 1 + rng.randrange(3))
                    for v in range(first, ids.next["cases_violation"]):
                        cite, what, fix = VIOLATIONS[rng.randrange(len(VIOLATIONS))]
                        put_vio(f"{v}\t{insp}\t{cite}\t{what}\t{fix}\t")
                elif result == "passed":
                    passed_on, passed_id = day + 3, insp
                day += 14
            if passed_id:
                appr = ids.take("cases_approval")
                put_appr(f"{appr}\t{app}\t{passed_id}\t{days[passed_on]}\t{days[passed_on + 180]}")
            named = status in ("issued", "ended") or (status == "approved" and r() < 0.5)
            if named:
                for _k in range(1 + rng.randrange(4)):
                    occ = ids.take("cases_occupant")
                    age = rng.randrange(1, 90)
                    put_occ(
                        f"{occ}\t{app}\t{j + 1}\t{rng.choice(FIRST)}\t{rng.choice(LAST)}\t{age}\t"
                        f"{rng.choice(RELATIONSHIPS)}"
                    )
            if status in ("issued", "ended", "conditional"):
                kind = "conditional" if status == "conditional" else "standard"
                iday = (passed_on if passed_id else day) + 1 + rng.randrange(20)
                iday = min(iday, today)
                ends_on = days[iday + 730] if r() < 0.5 else "\\N"
                due = days[iday + 60] if kind == "conditional" else "\\N"
                ended, reason = "\\N", ""
                if status == "ended":
                    eday = min(iday + 200 + rng.randrange(500), today)
                    ended, reason = ts(eday, minute), "change of tenancy"
                pid = ids.take("cases_permit")
                prefix = "".join(part[0] for part in slug.split("-")).upper()
                put_permit(
                    f"{pid}\t{app}\t{prefix}-{days[iday][:4]}-{app:06d}-{kind[0].upper()}1\t"
                    f"{kind}\t{ts(iday, minute)}\t{ends_on}\t{due}\t{ended}\t{reason}\t"
                    f"{rng.getrandbits(64):016x}{pid:x}"
                )
