"""manage.py import_records: the command calls the pipeline and prints its report; it stops
with a clear message before reading a row when the kind, the file or the actor is wrong."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from permitdesk.imports.management.commands import import_records
from permitdesk.records.models import Property
from tests.imports.conftest import SAMPLES
from tests.writes import writes_nothing

pytestmark = pytest.mark.django_db


def command(*args: str) -> str:
    out = StringIO()
    call_command("import_records", *args, stdout=out)
    return out.getvalue()


def test_it_imports_a_file_and_reconciles(clerk: User) -> None:
    said = command("properties", str(SAMPLES / "properties.csv"), "--actor", clerk.username)
    assert said.splitlines() == [
        "properties: rows read 3, created 3, updated 0, unchanged 0, refused 0",
        "written",
    ]
    assert Property.objects.count() == 3


def test_a_dry_run_writes_nothing(clerk: User) -> None:
    with writes_nothing():
        said = command(
            "properties", str(SAMPLES / "properties.csv"), "--actor", clerk.username, "--dry-run"
        )
    assert said.splitlines()[-1] == "dry run: nothing written"


def test_the_jurisdiction_option_places_rows_without_the_column(
    clerk: User, tmp_path: Path
) -> None:
    path = tmp_path / "p.csv"
    path.write_text("parcel_id,address,city,state\nP-1,1 Elm,Clayton,MO\n", encoding="utf-8")
    command("properties", str(path), "--actor", clerk.username, "--jurisdiction", "clayton-mo")
    assert Property.objects.get().jurisdiction.slug == "clayton-mo"


def test_a_file_with_problems_fails_and_prints_them(clerk: User, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("parcel_id,address,city,state\nP-1,1 Elm,Clayton,MO\n", encoding="utf-8")
    out = StringIO()
    with writes_nothing(), pytest.raises(CommandError, match="1 problems: nothing written"):
        call_command(
            "import_records", "properties", str(path), "--actor", clerk.username, stdout=out
        )
    assert out.getvalue().splitlines()[0] == (
        "line 2, column jurisdiction: jurisdiction is required (or --jurisdiction)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["leases", "x.csv", "--actor", "clayton-clerk"],
            "kind 'leases' is not one of: properties, units, parties, cases, permits, payments, "
            "relations",
        ),
        (
            ["units", "/nonexistent.csv", "--actor", "clayton-clerk"],
            "file '/nonexistent.csv' is not a readable file",
        ),
        (
            ["units", str(SAMPLES / "units.csv"), "--actor", "nobody"],
            "--actor: no active user 'nobody'",
        ),
        (
            ["units", str(SAMPLES / "units.csv"), "--actor", "clayton-inspector"],
            "clayton-inspector is no jurisdiction's clerk or code official",
        ),
        (
            [
                "units",
                str(SAMPLES / "units.csv"),
                "--actor",
                "clayton-clerk",
                "--jurisdiction",
                "gotham",
            ],
            "--jurisdiction 'gotham' is not served here",
        ),
    ],
    ids=["an unknown kind", "no file", "no such user", "an inspector", "an unknown jurisdiction"],
)
def test_it_refuses_to_start(clerk: User, args: list[str], message: str) -> None:
    with writes_nothing(), pytest.raises(CommandError) as refused:
        command(*args)
    assert message in str(refused.value)


def test_the_progress_bar_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(StringIO):
        def isatty(self) -> bool:
            return True

    for stream, drawn in ((Terminal(), True), (StringIO(), False)):
        monkeypatch.setattr(import_records.sys, "stderr", stream)
        tick = import_records.progress_bar("units", 4)
        tick(2)
        tick(2)
        assert ("units" in stream.getvalue()) is drawn
