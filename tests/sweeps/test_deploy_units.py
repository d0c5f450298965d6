"""The systemd units docs/operations.md gives for the sweep: the timer starts it hourly, the service runs
`manage.py sweep` once with the site's environment."""

from __future__ import annotations

import configparser
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parsed = configparser.ConfigParser(interpolation=None, strict=True)
    parsed.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parsed.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parsed


def test_the_timer_starts_the_sweep_every_hour_and_after_a_missed_hour() -> None:
    timer = unit("permitdesk-sweep.timer")
    assert timer["Timer"]["OnCalendar"] == "hourly"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_service_runs_one_sweep_with_the_sites_environment() -> None:
    service = unit("permitdesk-sweep.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"].endswith("/.venv/bin/python manage.py sweep")
    assert service["EnvironmentFile"] == "/etc/permitdesk.env"
