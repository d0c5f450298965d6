"""What backup and restore share: the database DATABASE_URL names, PostgreSQL's client tools,
row counts of every table, checksums, and the one way they fail (a message for a person)."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
FORMAT = 1  # the manifest's layout; a restore refuses a backup of another format


class Failure(Exception):
    """A refusal or a failure, said in one message that tells the operator what to do."""


def run(program: str, work: Callable[[], object]) -> int:
    """A script's exit status: 0 when `work` is done; 1, its failure said on stderr."""
    try:
        work()
    except Failure as failure:
        print(f"{program}: {failure}", file=sys.stderr)
        return 1
    return 0


def script_parser(script: str, does: str, folder: tuple[str, str, str]) -> argparse.ArgumentParser:
    """The command line of scripts/<script>: what it `does` (the guide's section follows), and
    its one folder argument, as (name, metavar, help)."""
    made = argparse.ArgumentParser(
        prog=f"scripts/{script}", description=f"{does} (docs/operations.md#backups)."
    )
    name, metavar, help_text = folder
    made.add_argument(name, metavar=metavar, help=help_text)
    return made


@dataclass(frozen=True)
class Database:
    name: str
    host: str
    port: int
    user: str
    password: str

    @classmethod
    def from_environment(cls) -> Database:
        url = os.environ.get("DATABASE_URL", "").strip()
        if not url:
            raise Failure(
                "DATABASE_URL is not set: these scripts back up and restore a PostgreSQL "
                "database (postgres://user:password@host:5432/name). The embedded SQLite "
                "database is the file var/permitdesk.sqlite3: copy it with the site stopped."
            )
        try:
            parsed = dj_database_url.parse(url)
        except ValueError as exc:
            raise Failure(f"DATABASE_URL is not a database URL: {exc}") from exc
        if parsed.get("ENGINE") != "django.db.backends.postgresql":
            raise Failure(
                f"DATABASE_URL names a {parsed.get('ENGINE', 'unknown')} database; "
                "these scripts handle PostgreSQL only (postgres://…)"
            )
        return cls(
            name=str(parsed.get("NAME") or ""),
            host=str(parsed.get("HOST") or "localhost"),
            port=int(parsed.get("PORT") or 5432),
            user=str(parsed.get("USER") or ""),
            password=str(parsed.get("PASSWORD") or ""),
        )

    @property
    def label(self) -> str:
        return f"{self.name} on {self.host}:{self.port}"

    def connect(self) -> psycopg.Connection[tuple[object, ...]]:
        try:
            return psycopg.connect(
                dbname=self.name,
                host=self.host,
                port=self.port,
                user=self.user,
                password=self.password,
                connect_timeout=10,
            )
        except psycopg.OperationalError as exc:
            raise Failure(f"cannot connect to the database {self.label}: {exc}".strip()) from exc

    def tool_arguments(self) -> list[str]:
        """The connection options of pg_dump and pg_restore (the password goes in PGPASSWORD)."""
        return ["--host", self.host, "--port", str(self.port), "--username", self.user]

    def tool_environment(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.password, "PGCONNECT_TIMEOUT": "10"}

    def run_tool(self, name: str, arguments: list[str], *, failed: str = "") -> None:
        """Run the client tool `name` (pg_dump, pg_restore) on this database with
        `arguments` after the connection options; its failure is a Failure that gives its
        status, `failed` (what that means for the operator) and what it said on stderr."""
        done = subprocess.run(
            [tool(name), *self.tool_arguments(), *arguments],
            env=self.tool_environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            status = f"{name} failed (status {done.returncode}){failed}"
            raise Failure(f"{status}: {done.stderr.strip()}")


def tool(name: str) -> str:
    """The path of a PostgreSQL client tool, or a Failure that says how to get it."""
    found = shutil.which(name)
    if found is None:
        raise Failure(
            f"{name} is not on PATH: install PostgreSQL's client tools of the server's major "
            "version or newer (Debian: apt-get install postgresql-client), or add their "
            "folder to PATH"
        )
    return found


def tables(connection: psycopg.Connection[tuple[object, ...]]) -> list[tuple[str, str]]:
    """(schema, table) of every ordinary table outside PostgreSQL's own schemas, sorted."""
    rows = connection.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY schemaname, tablename"
    ).fetchall()
    return [(str(schema), str(table)) for schema, table in rows]


def row_counts(connection: psycopg.Connection[tuple[object, ...]]) -> dict[str, int]:
    """Exact row counts of every table, keyed "table" (or "schema.table" outside public)."""
    counts: dict[str, int] = {}
    for schema, table in tables(connection):
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        row = connection.execute(query).fetchone()
        key = table if schema == "public" else f"{schema}.{table}"
        counts[key] = int(str(row[0])) if row else 0
    return counts


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_root() -> Path:
    """settings.MEDIA_ROOT, as the site's processes see it (PERMITDESK_VAR_DIR/media)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "permitdesk.site.settings")
    from django.conf import settings  # read lazily: the settings read the environment

    return Path(settings.MEDIA_ROOT)
