"""A sales file sent from the staff leads page: held, checked (the imports' pipeline, dry
run: every problem with its line and column), then, on the clerk's confirmation, imported
the same way and matched to parcels and units, as `manage.py import_sales` does. The file
is held under MEDIA_ROOT/sales-imports between the two steps, named by a random token and
the jurisdiction and person it was sent by, and removed once imported."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User

from permitdesk.accounts.permissions import NotFound, require_staff
from permitdesk.discovery.keys import refresh_place_keys
from permitdesk.discovery.matching import Matched, match_pending
from permitdesk.discovery.sales import KIND
from permitdesk.imports.pipeline import IMPORTERS, Report, run
from permitdesk.records.models import Jurisdiction

MAY_IMPORT: set[str] = set(IMPORTERS)
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


@dataclass(frozen=True)
class SalesFile:
    """What the pipeline said of a held file, and what matching did once it was written."""

    token: str
    report: Report
    matched: Matched | None = None


def _held(jurisdiction: Jurisdiction, actor: User, token: str) -> Path:
    if not TOKEN.fullmatch(token):
        raise NotFound("no such sales file: send it again")
    folder = Path(settings.MEDIA_ROOT) / "sales-imports"
    return folder / f"{jurisdiction.slug}-{actor.pk}-{token}.csv"


def check_sales_file(
    *, jurisdiction: Jurisdiction, actor: User, chunks: Iterable[bytes], now: dt.datetime
) -> SalesFile:
    """Hold the file sent and check every row of it (a dry run: nothing written)."""
    require_staff(actor, jurisdiction.pk, MAY_IMPORT)
    token = secrets.token_urlsafe(16)
    path = _held(jurisdiction, actor, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as held:
        for chunk in chunks:
            held.write(chunk)
    report = _run(jurisdiction, actor, path, now, dry_run=True)
    if report.problems:
        path.unlink(missing_ok=True)  # refused: the clerk fixes it and sends it again
    return SalesFile(token, report)


def import_sales_file(
    *, jurisdiction: Jurisdiction, actor: User, token: str, now: dt.datetime
) -> SalesFile:
    """Import the file held under `token` (checked again: all or nothing) and match what it
    wrote; the file is then removed. A token already imported is not found."""
    require_staff(actor, jurisdiction.pk, MAY_IMPORT)
    path = _held(jurisdiction, actor, token)
    if not path.is_file():
        raise NotFound("no such sales file: it was imported already, or send it again")
    report = _run(jurisdiction, actor, path, now, dry_run=False)
    path.unlink(missing_ok=True)
    if not report.written:
        return SalesFile(token, report)
    refresh_place_keys(jurisdiction=jurisdiction, actor=actor, now=now)
    return SalesFile(token, report, match_pending(jurisdiction=jurisdiction, actor=actor, now=now))


def _run(
    jurisdiction: Jurisdiction, actor: User, path: Path, now: dt.datetime, *, dry_run: bool
) -> Report:
    return run(
        KIND,
        path,
        actor_username=actor.username,
        now=now,
        jurisdiction=jurisdiction.slug,
        dry_run=dry_run,
    )
