"""The files in deploy/: the environment sample names every setting the site reads, and the
systemd units are ones systemd accepts (systemd-analyze verify, where it is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
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
    assert len(lines) == 3  # web, outbox, sweep: the three ExecStart lines
