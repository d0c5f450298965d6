"""scripts/restore BACKUP [--force]: put a backup made by scripts/backup back into the database
DATABASE_URL names and the uploads back into settings.MEDIA_ROOT.

It checks every file against the manifest's sha256 first, and refuses a database that has
tables (or a media folder that has files) unless given --force, which replaces what the
backup holds (pg_restore --clean) and moves the old uploads aside. pg_restore runs in one
transaction: it restores all or nothing. Last, it counts every table's rows and prints them
beside the manifest's; a difference makes it fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

from permitdesk.ops.pg import (
    DATABASE_FILE,
    FORMAT,
    MANIFEST,
    MEDIA_FILE,
    Database,
    Failure,
    media_root,
    row_counts,
    run,
    script_parser,
    sha256,
    tool,
)


def _parser() -> argparse.ArgumentParser:
    parser = script_parser(
        "restore",
        "Restore a backup folder made by scripts/backup into the DATABASE_URL database and "
        "MEDIA_ROOT",
        ("backup", "BACKUP", "a folder scripts/backup made"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="restore over a database that has tables, or a media folder that has files",
    )
    return parser


def verified_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup folder whose every file matches its checksum."""
    if not folder.exists():
        raise Failure(f"BACKUP {folder} does not exist")
    if not folder.is_dir():
        raise Failure(f"BACKUP {folder} is not a folder (give the folder scripts/backup made)")
    if folder.name.endswith(".partial"):
        raise Failure(f"{folder} is an unfinished backup (its backup stopped half-way)")
    path = folder / MANIFEST
    if not path.is_file():
        raise Failure(f"{folder} has no {MANIFEST}: it is not a folder scripts/backup made")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Failure(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Failure(f"{path} is not a manifest of format {FORMAT}")
    for key, kind in (("created_at", str), ("database", dict), ("app", dict), ("tables", dict)):
        if not isinstance(manifest.get(key), kind):
            raise Failure(f"{path}: '{key}' is missing or not a {kind.__name__}")
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != {DATABASE_FILE, MEDIA_FILE}:
        raise Failure(f"{path}: 'files' must list {DATABASE_FILE} and {MEDIA_FILE}")
    for name, expected in sorted(files.items()):
        member = folder / name
        if not member.is_file():
            raise Failure(f"manifest mismatch: {name} is missing from {folder}")
        actual = sha256(member)
        if actual != expected:
            raise Failure(
                f"manifest mismatch: {name} has sha256 {actual}, the manifest says {expected}: "
                "the file was damaged or changed since the backup; restore another backup"
            )
    return manifest


def _refuse_if_not_empty(database: Database, root: Path) -> None:
    with database.connect() as connection:
        counts = row_counts(connection)
    if counts:
        rows = sum(counts.values())
        raise Failure(
            f"the database {database.label} already has {len(counts)} tables ({rows} rows): "
            "restoring would replace them. Restore into a new, empty database, or give "
            "--force to replace what the backup holds"
        )
    if root.is_dir() and any(root.iterdir()):
        raise Failure(
            f"the media folder {root} is not empty: give --force to move it aside and restore "
            "the backup's"
        )


def _restore_database(database: Database, dump: Path, force: bool) -> None:
    clean = ["--clean", "--if-exists"] if force else []
    database.run_tool(
        "pg_restore",
        [
            f"--dbname={database.name}",
            "--no-password",
            "--no-owner",  # the tables belong to the role that restores them
            "--no-privileges",
            "--single-transaction",  # all or nothing
            "--exit-on-error",
            *clean,
            str(dump),
        ],
        failed="; nothing was restored",
    )


def _restore_media(archive: Path, root: Path, now: dt.datetime) -> int:
    if root.is_dir() and any(root.iterdir()):
        aside = root.with_name(f"{root.name}.before-restore-{now:%Y%m%dT%H%M%SZ}")
        root.rename(aside)
        print(f"moved the media folder's old files aside to {aside}")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        tar.extractall(root, filter="data")  # no absolute paths, no escaping the folder
    return sum(member.isfile() for member in members)


def _compare(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    """Print each table's rows beside the manifest's; return the tables that differ."""
    width = max((len(name) for name in expected | actual), default=5)
    print(f"{'table':<{width}}  {'manifest':>9}  {'restored':>9}")
    differ = []
    for name in sorted(expected | actual):
        want, got = expected.get(name), actual.get(name)
        mark = "" if want == got else "  DIFFERENT"
        if mark:
            differ.append(name)
        print(f"{name:<{width}}  {want if want is not None else '-':>9}  {got!s:>9}{mark}")
    return differ


def restore(folder: Path, force: bool, now: dt.datetime) -> None:
    manifest = verified_manifest(folder)
    database = Database.from_environment()
    tool("pg_restore")  # before anything changes
    root = media_root()
    if not force:
        _refuse_if_not_empty(database, root)
    _restore_database(database, folder / DATABASE_FILE, force)
    files = _restore_media(folder / MEDIA_FILE, root, now)
    with database.connect() as connection:
        counts = row_counts(connection)
    expected = {str(name): int(rows) for name, rows in manifest["tables"].items()}
    differ = _compare(expected, counts)
    source = manifest["database"]
    print(
        f"restored {source['name']} of {manifest['created_at']} (PostgreSQL "
        f"{source['server_version']}, permitdesk {manifest['app']['version']} at "
        f"{manifest['app']['git_revision']}) into {database.label}; {files} uploaded files "
        f"into {root}"
    )
    if differ:
        raise Failure(
            f"restored, but {len(differ)} tables' rows differ from the manifest: "
            + ", ".join(differ)
        )


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    now = dt.datetime.now(dt.UTC)
    return run("restore", lambda: restore(Path(arguments.backup), arguments.force, now))


if __name__ == "__main__":
    sys.exit(main())
