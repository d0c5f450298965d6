"""The bench database: made afresh, migrated, dropped; and what it holds (the subjects the
requests are made as, the status mix, a jurisdiction's case count)."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
MAINTENANCE_DB = "permitdesk"  # the database we connect to to create and drop the bench one
CASES_PER_APPLICANT = 25


def _with_db(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def db_name(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def recreate_database(url: str) -> None:
    name = db_name(url)
    with psycopg.connect(_with_db(url, MAINTENANCE_DB), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    with psycopg.connect(_with_db(url, MAINTENANCE_DB), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db_name(url)))
        )


def migrate(url: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = url
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


@dataclass(frozen=True)
class Subjects:
    applicant: int
    applicant_cases: int
    application: int
    clerk: int
    clerk_jurisdiction: str
    clerk_jurisdiction_id: int


def pick_subjects(url: str) -> Subjects:
    """The applicant whose case count is nearest 25, their richest case, and the clerk of the
    jurisdiction with the most cases. Chosen once, on the small data set, and kept."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            """SELECT applicant_id, count(*) FROM cases_application GROUP BY applicant_id
               ORDER BY abs(count(*) - %s), applicant_id LIMIT 1""",
            (CASES_PER_APPLICANT,),
        ).fetchone()
        assert row is not None, "no applications loaded"
        applicant, cases = row
        row = conn.execute(
            """SELECT a.id FROM cases_application a WHERE a.applicant_id = %s
               ORDER BY (SELECT count(*) FROM cases_feeline x WHERE x.application_id = a.id)
                      + (SELECT count(*) FROM cases_payment x WHERE x.application_id = a.id)
                      + (SELECT count(*) FROM cases_inspection x WHERE x.application_id = a.id)
                      + (SELECT count(*) FROM cases_occupant x WHERE x.application_id = a.id)
                      + (SELECT count(*) FROM cases_permit x WHERE x.application_id = a.id)
                      DESC, a.id
               LIMIT 1""",
            (applicant,),
        ).fetchone()
        assert row is not None
        application = row[0]
        row = conn.execute(
            """SELECT m.user_id, j.slug, j.id FROM accounts_membership m
                 JOIN records_jurisdiction j ON j.id = m.jurisdiction_id
                WHERE m.role = 'clerk'
                ORDER BY (SELECT count(*) FROM cases_application a
                           WHERE a.jurisdiction_id = m.jurisdiction_id) DESC, m.user_id
                LIMIT 1"""
        ).fetchone()
        assert row is not None
        return Subjects(applicant, cases, application, row[0], row[1], row[2])


def status_mix(url: str) -> str:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM cases_application GROUP BY status ORDER BY 2 DESC"
        ).fetchall()
    total = sum(n for _, n in rows) or 1
    return ", ".join(f"{status} {n / total:.0%}" for status, n in rows)


def jurisdiction_cases(url: str, slug: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            """SELECT count(*) FROM cases_application a JOIN records_jurisdiction j
               ON j.id = a.jurisdiction_id WHERE j.slug = %s""",
            (slug,),
        ).fetchone()
        return int(row[0]) if row else 0
