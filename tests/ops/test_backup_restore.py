"""scripts/backup and scripts/restore, run for real: a PostgreSQL test database with cases
built through the services (their audit trail, an uploaded photo) is backed up, restored into a
scratch database and media folder, and compared table by table and event by event. SQLite has
no pg_dump: its backup is a copy of the file, so the round trip is PostgreSQL's alone; the
refusals before any database is touched run on both."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from psycopg import sql
from pytest_django.fixtures import Settings

from permitdesk.cases.services import inspections
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.factories.stages import ON_WEDNESDAY
from tests.notices.conftest import free_port

REPOSITORY = Path(__file__).resolve().parents[2]
BACKUP = REPOSITORY / "scripts" / "backup"
RESTORE = REPOSITORY / "scripts" / "restore"
PHOTO = b"\xff\xd8\xff\xe0 a photo of the gutters \xff\xd9"


def run(script: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(script), *args],
        env={**env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def environment(database_url: str | None, var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PERMITDESK_VAR_DIR"] = str(var)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def url(name: str) -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:"
        f"{db['PORT'] or 5432}/{name}"
    )


def connect(name: str) -> psycopg.Connection[tuple[object, ...]]:
    db = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        host=db["HOST"] or "localhost",
        port=int(db["PORT"] or 5432),
        user=db["USER"],
        password=db["PASSWORD"],
        autocommit=True,
    )


def counts(cursor: psycopg.Connection[tuple[object, ...]]) -> dict[str, int]:
    names = cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    found = {}
    for (name,) in names:
        query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(str(name)))
        row = cursor.execute(query).fetchone()
        assert row is not None
        found[str(name)] = int(str(row[0]))
    return found


def trail(cursor: psycopg.Connection[tuple[object, ...]], case_id: int) -> list[tuple[object, ...]]:
    return cursor.execute(
        "SELECT * FROM audit_auditevent WHERE application_id = %s ORDER BY id", [case_id]
    ).fetchall()


@pytest.fixture
def scratch() -> Iterator[str]:
    """An empty database beside the test database (its name, with _restore), dropped after."""
    name = str(connection.settings_dict["NAME"]).removeprefix("test_") + "_restore"
    with connect(str(connection.settings_dict["NAME"])) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with connect(str(connection.settings_dict["NAME"])) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.mark.django_db(transaction=True)  # the scripts are other processes: data committed
def test_a_backup_restores_every_row_the_audit_trail_and_the_uploads(
    tmp_path: Path, settings: Settings, request: pytest.FixtureRequest
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL (SQLite's backup is a file copy)")
    scratch = request.getfixturevalue("scratch")
    var = tmp_path / "var"
    settings.MEDIA_ROOT = var / "media"
    who = factories.people()
    factories.issued(who)
    case, visit = factories.scheduled(who)
    inspections.record_inspection_result(
        actor=who.inspector,
        inspection=visit,
        result="failed",
        now=ON_WEDNESDAY,
        violations=[
            ViolationInput("PM 304.7", "Gutters detached", photo=ContentFile(PHOTO, "gutter.jpg"))
        ],
    )
    photos = [p for p in (var / "media").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in photos] == [PHOTO]
    test_db = str(connection.settings_dict["NAME"])
    with connect(test_db) as db:
        before, before_trail = counts(db), trail(db, case.pk)
    assert before["cases_application"] == 2
    assert len(before_trail) >= 4
    backups = tmp_path / "backups"
    backups.mkdir()

    made = run(BACKUP, str(backups), env=environment(url(test_db), var))

    assert made.returncode == 0, made.stderr
    (folder,) = backups.iterdir()
    assert folder.name.startswith(f"permitdesk-{test_db}-")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == before
    assert manifest["database"]["name"] == test_db
    assert manifest["database"]["server_version"].split()[0].split(".")[0].isdigit()
    assert manifest["app"]["version"]
    assert manifest["media"]["files"] == 1
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}

    # Over the database it came from, which has data: refused, nothing touched.
    refused = run(RESTORE, str(folder), env=environment(url(test_db), var))
    assert refused.returncode == 1
    assert "already has" in refused.stderr
    assert "--force" in refused.stderr

    restored_var = tmp_path / "restored-var"
    done = run(RESTORE, str(folder), env=environment(url(scratch), restored_var))

    assert done.returncode == 0, done.stderr
    assert "DIFFERENT" not in done.stdout
    assert f"restored {test_db} of {manifest['created_at']}" in done.stdout
    with connect(scratch) as db:
        assert counts(db) == before
        assert trail(db, case.pk) == before_trail
    (restored_photo,) = [p for p in (restored_var / "media").rglob("*") if p.is_file()]
    assert restored_photo.relative_to(restored_var) == photos[0].relative_to(var)
    assert restored_photo.read_bytes() == PHOTO

    # Again over the restored (now full) database, with --force: replaced, the same rows.
    again = run(RESTORE, "--force", str(folder), env=environment(url(scratch), restored_var))
    assert again.returncode == 0, again.stderr
    with connect(scratch) as db:
        assert counts(db) == before
    assert len(list(restored_var.glob("media.before-restore-*"))) == 1


def test_each_script_says_what_it_needs_without_an_argument(tmp_path: Path) -> None:
    for script, argument in ((BACKUP, "DEST"), (RESTORE, "BACKUP")):
        done = run(script, env=environment(None, tmp_path))
        assert done.returncode == 2
        assert f"the following arguments are required: {argument}" in done.stderr


def test_a_wrong_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    env = environment("postgres://u:p@127.0.0.1:1/x", tmp_path)
    backup = run(BACKUP, str(missing), env=env)
    restore = run(RESTORE, str(missing), env=env)
    assert (backup.returncode, restore.returncode) == (1, 1)
    assert f"DEST {missing} does not exist" in backup.stderr
    assert f"BACKUP {missing} does not exist" in restore.stderr
    (tmp_path / "not-a-backup").mkdir()
    restore = run(RESTORE, str(tmp_path / "not-a-backup"), env=env)
    assert "has no manifest.json: it is not a folder scripts/backup made" in restore.stderr


def test_a_backup_that_does_not_match_its_manifest_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "permitdesk-x-2026-12-06T000000Z"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"the dump")
    (folder / "media.tar.gz").write_bytes(b"the media")
    good = "58e5b5a2a84d22a6b0cc5a46bf34bb7a8a18ee1bd5fb6d8f4d0fe1a4b67b8fa4"
    files = {"database.dump": good, "media.tar.gz": good}
    manifest = {"format": 1, "created_at": "2026-12-06T00:00:00+00:00", "database": {}}
    manifest |= {"app": {}, "tables": {}, "files": files}
    (folder / "manifest.json").write_text(json.dumps(manifest))

    done = run(RESTORE, str(folder), env=environment("postgres://u:p@127.0.0.1:1/x", tmp_path))

    assert done.returncode == 1
    assert "manifest mismatch: database.dump has sha256" in done.stderr
    assert f"the manifest says {good}" in done.stderr


def test_without_pg_dump_on_path_the_backup_says_how_to_get_it(tmp_path: Path) -> None:
    env = environment("postgres://u:p@127.0.0.1:1/x", tmp_path)
    env["PATH"] = str(tmp_path / "empty-bin")  # bash is found by the script's own path
    done = subprocess.run(
        [sys.executable, "-m", "permitdesk.ops.backup", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "pg_dump is not on PATH: install PostgreSQL's client tools" in done.stderr


def test_a_backup_that_fails_leaves_no_folder_behind(tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed here: the backup stops before connecting")
    backups = tmp_path / "backups"
    backups.mkdir()
    nobody = free_port()  # nothing listens there

    done = run(
        BACKUP, str(backups), env=environment(f"postgres://u:p@127.0.0.1:{nobody}/x", tmp_path)
    )

    assert done.returncode == 1
    assert f"cannot connect to the database x on 127.0.0.1:{nobody}" in done.stderr
    assert list(backups.iterdir()) == []


def test_a_manifest_without_its_row_counts_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "permitdesk-x-2026-12-06T000000Z"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"format": 1, "created_at": "now"}))

    done = run(RESTORE, str(folder), env=environment("postgres://u:p@127.0.0.1:1/x", tmp_path))

    assert done.returncode == 1
    assert "manifest.json: 'database' is missing or not a dict" in done.stderr
