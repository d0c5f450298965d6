"""scripts/backup DEST: the database DATABASE_URL names (pg_dump, custom format), the uploads
(settings.MEDIA_ROOT, as a tar) and a manifest, in a new dated folder under DEST.

The manifest says when, what (database, server version, app version and git revision), how
many rows each table had, and the sha256 of each file, so scripts/restore can tell a damaged
backup from a good one and compare what it restored. The counts and the dump are one
snapshot: pg_dump is given the snapshot the counts were read in (pg_export_snapshot), so they
agree however busy the site is. The folder is written under a ".partial" name and renamed
when complete: a folder without that suffix is a whole backup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

import psycopg

from permitdesk.ops import pg

REPOSITORY = Path(__file__).resolve().parents[3]


def _parser() -> argparse.ArgumentParser:
    return pg.script_parser(
        "backup",
        "Back up the DATABASE_URL database and the uploaded files into a new dated folder "
        "under DEST",
        ("destination", "DEST", "an existing folder"),
    )


def _git_revision() -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(REPOSITORY), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _app_version() -> str | None:
    try:
        return metadata.version("permitdesk")
    except metadata.PackageNotFoundError:
        return None


def _dump(database: pg.Database, into: Path) -> tuple[str, dict[str, int]]:
    """Dump the database into `into`; return the server's version and each table's rows, both
    read in the snapshot pg_dump dumps."""
    pg.tool("pg_dump")  # before the snapshot is taken
    with database.connect() as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        row = connection.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, version = (str(value) for value in (row.fetchone() or ("", "")))
        counts = pg.row_counts(connection)
        # The snapshot lives while this transaction is open: pg_dump runs inside it.
        database.run_tool(
            "pg_dump",
            [
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-password",
                f"--file={into}",
                database.name,
            ],
        )
        connection.rollback()
    return version, counts


def _archive_media(root: Path, into: Path) -> int:
    """The uploads as a gzipped tar whose members are relative to MEDIA_ROOT; a missing
    folder (nothing uploaded yet) gives an empty archive."""
    files = 0
    with tarfile.open(into, "w:gz") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                files += path.is_file()
    return files


def backup(destination: Path, now: dt.datetime) -> Path:
    if not destination.exists():
        raise pg.Failure(f"DEST {destination} does not exist: create it (or mount the backup disk)")
    if not destination.is_dir():
        raise pg.Failure(f"DEST {destination} is not a folder")
    database = pg.Database.from_environment()
    stamp = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    final = destination / f"permitdesk-{database.name}-{stamp}"
    if final.exists():
        raise pg.Failure(f"{final} already exists: wait a second and run it again")
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(mode=0o700)  # names, addresses, e-mail addresses: the owner's eyes only
    try:
        version, counts = _dump(database, partial / pg.DATABASE_FILE)
        root = pg.media_root()
        media_files = _archive_media(root, partial / pg.MEDIA_FILE)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # no half a backup left to be mistaken
        raise
    manifest = {
        "format": pg.FORMAT,
        "created_at": now.astimezone(dt.UTC).isoformat(),
        "database": {
            "name": database.name,
            "host": database.host,
            "port": database.port,
            "server_version": version,
        },
        "app": {"version": _app_version(), "git_revision": _git_revision()},
        "media": {"root": str(root), "files": media_files},
        "tables": counts,
        "files": {name: pg.sha256(partial / name) for name in (pg.DATABASE_FILE, pg.MEDIA_FILE)},
    }
    (partial / pg.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    partial.rename(final)
    print(
        f"backed up {database.label}: {len(counts)} tables, {sum(counts.values())} rows, "
        f"{media_files} uploaded files, into {final}"
    )
    return final


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    os.umask(0o077)  # the dump and the photos are personal data: files only the owner reads
    return pg.run("backup", lambda: backup(Path(arguments.destination), dt.datetime.now(dt.UTC)))


if __name__ == "__main__":
    sys.exit(main())
