"""`permitdesk sweep` and `manage.py sweep`: what a run prints, its progress bar (on a
terminal, or with --progress), its run log, and bad input named with status 2."""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from permitdesk.cli.main import main
from permitdesk.sweeps.command import execute
from permitdesk.sweeps.models import SweepRun
from tests.factories import deadlines
from tests.moments import central

REPO = Path(__file__).resolve().parents[2]
LAPSED = "2027-02-17T06:00-06:00"  # Clayton's approval past its 90 days


def options(**given: object) -> argparse.Namespace:
    return argparse.Namespace(
        **{"now": LAPSED, "jurisdiction": None, "batch_size": 500, "progress": False, **given}
    )


def never() -> object:
    raise AssertionError("the clock is not read when --now is given")


@pytest.mark.django_db
def test_manage_py_sweep_prints_a_line_per_action_and_logs_the_run() -> None:
    deadlines.world(approved=1, issued=0)
    out = io.StringIO()
    call_command("sweep", now=LAPSED, stdout=out)
    text = out.getvalue()
    assert text.startswith("sweep as of 2027-02-17T06:00:00-06:00 (all jurisdictions)\n")
    assert re.search(r"\n  approvals lapsed \(a new application and fee are due\) +2\n", text)
    assert re.search(r"\n  permits ended at the end of their term +0\n", text)
    run = SweepRun.objects.get()
    assert (run.completed, run.counts["lapse-approvals"], run.as_of) == (
        True,
        2,
        central("2027-02-17 06:00"),
    )


@pytest.mark.django_db
def test_the_permitdesk_command_sweeps_one_jurisdiction(capsys: pytest.CaptureFixture[str]) -> None:
    deadlines.world(approved=1, issued=0)
    assert main(["sweep", "--now", LAPSED, "--jurisdiction", "clayton-mo"]) == 0
    out = capsys.readouterr().out
    assert "(clayton-mo)" in out
    assert re.search(r"\n  approvals lapsed \(a new application and fee are due\) +1\n", out)


@pytest.mark.django_db
def test_a_progress_bar_is_drawn_with_progress_and_not_on_a_pipe_without_it() -> None:
    deadlines.world(approved=1, issued=0)
    piped = io.StringIO()
    # Clayton's reminder, and the county's approval lapsed: two items.
    reminder = options(now="2027-02-02T06:00-06:00")
    assert execute(reminder, stdout=io.StringIO(), stderr=piped, clock=never) == 0
    assert piped.getvalue() == ""
    asked = io.StringIO()
    assert execute(options(progress=True), stdout=io.StringIO(), stderr=asked, clock=never) == 0
    drawn = asked.getvalue()  # Clayton's approval lapsing: one item
    assert drawn.startswith(
        "\r[##############################] 1/1 100% clayton-mo lapse-approvals"
    )
    assert drawn.endswith("\r[##############################] 1/1 100% done" + " " * 36 + "\n")


def _read_all(leader: int) -> bytes:
    """All a closed terminal's other end wrote: a pty hands it over in chunks (one read can
    stop short of the last frame), and says EIO once nothing is left."""
    chunks = []
    try:
        while chunk := os.read(leader, 10_000):
            chunks.append(chunk)
    except OSError:
        pass
    finally:
        os.close(leader)
    return b"".join(chunks)


@pytest.mark.django_db
def test_a_progress_bar_is_drawn_on_a_terminal() -> None:
    deadlines.world(approved=1, issued=0)
    leader, follower = os.openpty()
    with open(follower, "w", encoding="utf-8") as terminal:
        assert execute(options(), stdout=io.StringIO(), stderr=terminal, clock=never) == 0
    drawn = _read_all(leader).decode()
    assert "\r[##############################] 2/2 100% done" in drawn


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"now": "2027-02-17T06:00"}, "--now must include a time zone offset"),
        ({"now": "tomorrow"}, "--now must be a date and time with offset"),
        ({"jurisdiction": "springfield"}, "--jurisdiction 'springfield' is not one of: clayton-mo"),
        ({"jurisdiction": "clayton-mo"}, "jurisdiction clayton-mo has no row in this database"),
        ({"batch_size": 0}, "--batch-size must be at least 1, not 0"),
    ],
)
def test_bad_input_is_named_with_status_2_and_sweeps_nothing(
    given: dict[str, object], message: str
) -> None:
    err = io.StringIO()
    assert execute(options(**given), stdout=io.StringIO(), stderr=err, clock=never) == 2
    assert message in err.getvalue()
    assert not SweepRun.objects.exists()


@pytest.mark.django_db
def test_manage_py_sweep_exits_2_on_bad_input() -> None:
    with pytest.raises(CommandError) as raised:
        call_command("sweep", now="2027-02-17T06:00", stdout=io.StringIO())
    assert raised.value.returncode == 2


def test_the_installed_command_refuses_a_time_without_offset_before_touching_a_database() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "permitdesk"), "sweep", "--now", "2027-02-17 06:00"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "sweep: --now must include a time zone offset, e.g. 2026-11-20T06:00-06:00\n"
    )


def test_a_database_without_the_tables_stops_the_sweep_with_one_line_and_status_1(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty.sqlite3"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "permitdesk"), "sweep", "--now", LAPSED],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{empty}"},
        check=False,
    )
    assert done.returncode == 1
    assert "sweep: stopped by the database (no such table: sweeps_sweeprun)" in done.stderr
    assert "Traceback" not in done.stderr
