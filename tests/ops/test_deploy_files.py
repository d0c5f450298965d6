"""The files in deploy/: the environment sample names every setting the site reads, and the
systemd units are ones systemd accepts (systemd-analyze verify, where it is installed)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
DEPLOY = REPOSITORY / "deploy"
SETTINGS = REPOSITORY / "src" / "permitdesk" / "site" / "settings.py"
UNITS = sorted(DEPLOY.glob("permitdesk-*.service")) + sorted(DEPLOY.glob("permitdesk-*.timer"))


def read_settings() -> set[str]:
    """Every environment variable settings.py reads (os.environ.get, _flag, _rate)."""
    source = SETTINGS.read_text()
    return set(re.findall(r'(?:os\.environ\.get|_flag|_rate)\(\s*"([A-Z][A-Z0-9_]*)"', source))


def test_the_environment_sample_lists_every_setting_the_site_reads() -> None:
    sample = (DEPLOY / "permitdesk.env.sample").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", sample, re.M))
    wanted = read_settings()
    assert {"DATABASE_URL", "SECRET_KEY", "TWO_FACTOR_REQUIRED_FOR_STAFF"} <= wanted
    assert wanted - listed == set()


def test_the_environment_sample_gives_every_variable_a_unit_uses() -> None:
    sample = (DEPLOY / "permitdesk.env.sample").read_text()
    set_here = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", sample, re.M))
    used = {name for unit in UNITS for name in re.findall(r"\$\{(\w+)\}", unit.read_text())}
    assert used == {"PERMITDESK_BIND", "PERMITDESK_WORKERS", "OUTBOX_POLL_SECONDS"}
    assert used <= set_here


def test_the_units_read_the_same_environment_file_and_checkout() -> None:
    for unit in (u for u in UNITS if u.suffix == ".service"):
        text = unit.read_text()
        assert "EnvironmentFile=/etc/permitdesk.env" in text, unit.name
        assert "WorkingDirectory=/srv/permitdesk" in text, unit.name
        assert "User=permitdesk" in text, unit.name


def test_check_deploy_is_clean_with_the_sample_environment(tmp_path: Path) -> None:
    """The sample as an operator fills it in (a real key; the database is not reached)."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    for line in (DEPLOY / "permitdesk.env.sample").read_text().splitlines():
        name, is_set, value = line.partition("=")
        if is_set and not name.startswith("#"):
            env[name] = value
    env |= {"SECRET_KEY": secrets.token_urlsafe(50), "PERMITDESK_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_systemd_accepts_the_units() -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian: the systemd package)")
    done = subprocess.run(
        [analyze, "verify", "--man=no", *map(str, UNITS)],
        capture_output=True,
        text=True,
        check=False,
    )
    # The checkout is not at /srv/permitdesk here: that one complaint is expected, no other
    # (an unknown key, a bad value, a missing section would each be a line).
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    other = [
        line
        for line in lines
        if not re.search(r"Command /srv/permitdesk/\S+ is not executable", line)
    ]
    assert other == []
    # web, outbox, sweep, discovery sweep, purge: one ExecStart line of each service
    assert len(lines) == len([u for u in UNITS if u.suffix == ".service"]) == 5
