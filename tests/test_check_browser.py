"""`make test` on a machine without the browser tests' Chromium or fonts stops at once with one
line saying how to install them (scripts/check-browser), instead of failing test by test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check-browser"


def check(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT)], capture_output=True, text=True, check=False, env={**os.environ, **env}
    )


def test_a_machine_without_chromium_is_told_how_to_install_it_in_one_line(
    tmp_path: Path,
) -> None:
    run = check(PLAYWRIGHT_CHROMIUM_EXECUTABLE=str(tmp_path / "chromium"))
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert len(lines) == 1
    assert f"Chromium ({tmp_path / 'chromium'})" in lines[0]
    assert "sudo apt-get install chromium fonts-liberation" in lines[0]


def test_missing_fonts_are_named_too(tmp_path: Path) -> None:
    run = check(PERMITDESK_FONTS_DIR=str(tmp_path))
    assert run.returncode == 1
    assert "the Liberation fonts" in run.stderr
    assert "Chromium (" not in run.stderr


def test_a_machine_with_both_passes_silently(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    (tmp_path / "LiberationSans-Regular.ttf").write_bytes(b"")
    run = check(PLAYWRIGHT_CHROMIUM_EXECUTABLE=str(chromium), PERMITDESK_FONTS_DIR=str(tmp_path))
    assert (run.returncode, run.stderr) == (0, "")


def test_make_test_checks_before_anything_else() -> None:
    dry = subprocess.run(
        ["make", "-n", "test"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.splitlines()
    commands = [line for line in dry if not line.startswith("#")]
    first = next(i for i, line in enumerate(commands) if "check-browser" in line)
    lint = next(i for i, line in enumerate(commands) if "lint typecheck" in line)
    assert first < lint
