"""The import pipeline every kind shares: parse the CSV, check every row (against the file
and the database) and, unless it is a dry run, write it with an audit event per record
written; report every problem; and reconcile: rows read, created, updated, unchanged, refused.

All or nothing: one bad row refuses the file, so a go-live never holds half a file. The
file is read once, a chunk at a time, in one transaction: each chunk is checked, then written
while no row has been refused; after a refusal the rest is only checked (every problem is
reported) and the transaction is rolled back. Memory holds one chunk, never the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import roles
from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import audit_event, record_all
from permitdesk.imports.rows import Fields, Problem, Row
from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack, UnknownName
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local

CHUNK = 2000
IMPORTERS = {Role.CLERK, Role.CODE_OFFICIAL}


class ImportRefused(Exception):
    """The import cannot start: no such kind, no such jurisdiction, no such user."""


@dataclass
class Context:
    """What every row is read against: who imports, when, from which file, and where."""

    actor: User
    now: dt.datetime
    source: str
    default_slug: str
    jurisdictions: dict[str, Jurisdiction]
    may_import: set[int]

    def pack(self, where: Jurisdiction) -> Pack:
        return get_pack(where.slug)

    def today(self, where: Jurisdiction) -> dt.date:
        return local(self.pack(where), self.now).date()

    def jurisdiction(self, row: Row, problems: list[Problem]) -> Jurisdiction | None:
        """The row's jurisdiction: its own column, else the command's --jurisdiction."""
        slug = row["jurisdiction"] or self.default_slug
        if not slug:
            problems.append(
                Problem(row.line, "jurisdiction", "jurisdiction is required (or --jurisdiction)")
            )
            return None
        found = self.jurisdictions.get(slug)
        if found is None:
            served = ", ".join(sorted(self.jurisdictions))
            problems.append(
                Problem(row.line, "jurisdiction", f"jurisdiction '{slug}' is not one of: {served}")
            )
            return None
        if found.pk not in self.may_import:
            problems.append(
                Problem(
                    row.line,
                    "jurisdiction",
                    f"{self.actor.username} is not a clerk or code official of {slug}",
                )
            )
            return None
        return found

    def event(
        self, row: Row, action: str, obj: Any, where: Jurisdiction, **change: Any
    ) -> AuditEvent:
        """The audit event of a record this row wrote, naming the file and line it came from."""
        after = {**(change.get("after") or {}), "source": f"{self.source}:{row.line}"}
        return audit_event(
            actor=self.actor,
            action=action,
            obj=obj,
            at=self.now,
            before=change.get("before"),
            after=after,
            jurisdiction_slug=where.slug,
            application_id=change.get("application_id"),
        )


@dataclass
class Plan:
    """One chunk, checked: its problems, and what a real run writes of it."""

    problems: list[Problem] = field(default_factory=list)
    creates: list[Any] = field(default_factory=list)
    updates: list[Any] = field(default_factory=list)
    unchanged: int = 0

    def refuses(self, fields: Fields) -> bool:
        """Whether the row is refused for its fields' problems (they become the plan's)."""
        self.problems.extend(fields.problems)
        return bool(fields.problems)

    def refuse(self, row: Row, column: str, message: str) -> None:
        """Refuse a row whose fields read well but disagree with what is recorded."""
        self.problems.append(Problem(row.line, column, message))

    def unchanged_or_refused(self, row: Row, same: bool, column: str, message: str) -> None:
        """A row of a record an import never changes (a case, a permit, a payment): unchanged
        where it agrees with what is recorded, else refused with `message`."""
        if same:
            self.unchanged += 1
        else:
            self.refuse(row, column, message)


@dataclass(frozen=True)
class Kind:
    """What one kind of record needs: its columns, its natural key (the columns that find a
    row again on a second run), and how a chunk is checked and written."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    key: tuple[str, ...]
    key_rule: str  # why the key is one per file: "a parcel is recorded once per jurisdiction"
    check: Callable[[Context, list[tuple[Row, Jurisdiction]]], Plan]
    write: Callable[[Context, Plan], list[AuditEvent]]


@dataclass
class Report:
    kind: str
    dry_run: bool
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def refused(self) -> int:
        """Rows with a problem (the header's problems count no row)."""
        return len({p.line for p in self.problems if p.line > 1})

    def lines(self) -> list[str]:
        if self.written:
            outcome = "written"
        elif self.dry_run:
            outcome = "dry run: nothing written"
        else:
            outcome = "refused: nothing written (fix every problem above and run it again)"
        counts = (
            f"rows read {self.read}, created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, refused {self.refused}"
        )
        return [*(str(p) for p in self.problems), f"{self.kind}: {counts}", outcome]


Progress = Callable[[int], None]


def run(
    kind: Kind,
    path: Path,
    *,
    actor_username: str,
    now: dt.datetime,
    jurisdiction: str = "",
    dry_run: bool = False,
    progress: Callable[[str, int | None], Progress] | None = None,
) -> Report:
    """Import `path` as `kind`; see the module's docstring. `progress(label, total)` gives a
    callback told of each chunk's rows."""
    context = _context(actor_username, now, jurisdiction, path.name)
    report = Report(kind=kind.name, dry_run=dry_run)
    tick = progress(kind.name, None) if progress else (lambda n: None)
    try:
        with transaction.atomic():
            _check_and_write(kind, context, path, report, tick)
            if report.problems and not dry_run:
                raise _Undo  # a row was refused after earlier chunks were written
    except _Undo:
        pass
    report.problems.sort(key=lambda p: p.line)
    report.written = not (report.problems or dry_run)
    return report


class _Undo(Exception):
    """Rolls back what a refused file wrote before its first problem was found."""


def _check_and_write(
    kind: Kind, context: Context, path: Path, report: Report, tick: Progress
) -> None:
    """Each chunk checked, then written while no row has been refused (one pass over the
    file: a chunk sees the chunks written before it). Once a row is refused, the rest is
    only checked, so every problem is reported."""
    seen: dict[tuple[str, ...], int] = {}
    for chunk in _chunks(kind, path, report.problems):
        report.read += len(chunk)
        plan = kind.check(context, _placed(kind, context, chunk, seen, report.problems))
        report.problems.extend(plan.problems)
        report.created += len(plan.creates)
        report.updated += len(plan.updates)
        report.unchanged += plan.unchanged
        if not (report.dry_run or report.problems):
            record_all(kind.write(context, plan))
        tick(len(chunk))


def _context(username: str, now: dt.datetime, slug: str, source: str) -> Context:
    actor = User.objects.filter(username=username, is_active=True).first()
    if actor is None:
        raise ImportRefused(f"--actor: no active user '{username}'")
    jurisdictions = {j.slug: j for j in Jurisdiction.objects.order_by("slug")}
    if slug and slug not in jurisdictions:
        served = ", ".join(jurisdictions) or "(none)"
        raise UnknownName(f"--jurisdiction '{slug}' is not served here: one of: {served}")
    may = {j.pk for j in jurisdictions.values() if roles(actor, j.pk) & IMPORTERS}
    if not may:
        raise ImportRefused(f"--actor: {username} is no jurisdiction's clerk or code official")
    return Context(actor, now, source, slug, jurisdictions, may)


def _placed(
    kind: Kind,
    context: Context,
    chunk: list[Row],
    seen: dict[tuple[str, ...], int],
    problems: list[Problem],
) -> list[tuple[Row, Jurisdiction]]:
    """The chunk's rows with their jurisdictions, less those without one, and less a second
    row of a natural key already in the file (both would write the same record)."""
    placed = []
    for row in chunk:
        where = context.jurisdiction(row, problems)
        if where is None:
            continue
        key = (where.slug, *(row[column] for column in kind.key))
        first = seen.setdefault(key, row.line)
        if first != row.line:
            named = ", ".join(f"{c} '{row[c]}'" for c in kind.key)
            problems.append(
                Problem(
                    row.line,
                    kind.key[-1],
                    f"{named} is in the file twice: first at line {first}; {kind.key_rule}",
                )
            )
            continue
        placed.append((row, where))
    return placed


def _chunks(kind: Kind, path: Path, problems: list[Problem]) -> Iterator[list[Row]]:
    """The file's rows, CHUNK at a time; a malformed file or header is a problem of line 1
    (or of the line where the CSV broke) and yields no more rows."""
    reader = None
    try:
        with path.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream, strict=True)
            header = [name.strip() for name in next(reader, [])]
            if not _header_ok(kind, header, problems):
                return
            chunk: list[Row] = []
            for values in reader:
                if not any(v.strip() for v in values):
                    continue  # a blank line
                if len(values) != len(header):
                    problems.append(
                        Problem(
                            reader.line_num,
                            "",
                            f"the row has {len(values)} fields; the header has {len(header)}",
                        )
                    )
                    continue
                chunk.append(Row(reader.line_num, dict(zip(header, values, strict=True))))
                if len(chunk) == CHUNK:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk
    except csv.Error as broken:
        line = reader.line_num if reader else 1
        problems.append(Problem(line, "", f"not a well-formed CSV file: {broken}"))
    except UnicodeDecodeError as broken:
        line = reader.line_num + 1 if reader else 1
        problems.append(Problem(line, "", f"the file is not UTF-8 text ({broken.reason})"))


def _header_ok(kind: Kind, header: list[str], problems: list[Problem]) -> bool:
    allowed = (*kind.required, *kind.optional, "jurisdiction")
    missing = [c for c in kind.required if c not in header]
    unknown = [c for c in header if c not in allowed]
    twice = sorted({c for c in header if header.count(c) > 1})
    for column in missing:
        problems.append(Problem(1, column, f"the header lacks the column {column}"))
    for column in unknown:
        problems.append(
            Problem(
                1,
                column,
                f"'{column}' is not a column of {kind.name}; the columns are: {', '.join(allowed)}",
            )
        )
    for column in twice:
        problems.append(Problem(1, column, f"the header has the column {column} twice"))
    return not (missing or unknown or twice)
