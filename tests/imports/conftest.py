"""Fixtures of the import tests: Clayton's clerk, who imports, and CSV files written for a test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from permitdesk.imports.kinds import KINDS
from permitdesk.imports.pipeline import Report, run
from tests import factories

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "import"
ORDER = ("properties", "units", "cases", "permits", "parties", "payments", "relations")
# The accounts relations.csv names: people of the go-live data who have signed up.
ACCOUNTS = ("hvance@example.org", "mlee@example.org")
NOW = factories.ON_WEDNESDAY  # 2026-11-18 in Clayton


@pytest.fixture
def clerk(db: None) -> User:
    return factories.staff("clayton-mo")["clerk"]


Importer = Callable[..., Report]


@pytest.fixture
def importer(clerk: User, tmp_path: Path) -> Importer:
    """import_(kind, csv text or a path, dry_run=..., now=...): the pipeline's report."""

    def import_(
        kind: str,
        source: str | Path,
        *,
        dry_run: bool = False,
        now: dt.datetime = NOW,
        jurisdiction: str = "",
    ) -> Report:
        if isinstance(source, str):
            path = tmp_path / f"{kind}.csv"
            path.write_text(source, encoding="utf-8")
        else:
            path = source
        return run(
            KINDS[kind],
            path,
            actor_username=clerk.username,
            now=now,
            jurisdiction=jurisdiction,
            dry_run=dry_run,
        )

    return import_


@pytest.fixture
def samples(importer: Importer) -> dict[str, Report]:
    """Every sample file of docs/import, imported in order (the people relations.csv names
    have their accounts)."""
    for email in ACCOUNTS:
        User.objects.create_user(username=email.split("@")[0], email=email, password="x")
    return {kind: importer(kind, SAMPLES / f"{kind}.csv") for kind in ORDER}
