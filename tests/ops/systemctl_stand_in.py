"""A stand-in for systemctl, for the production test: it reads the unit files the doc's
commands installed and does what systemd would with their [Service] section, no more:
`enable --now` and `start` run ExecStart in WorkingDirectory with EnvironmentFile's variables
(${NAME} expanded), a oneshot to its end, anything else in the background (its pid and log in
STAND_IN_STATE); `stop` sends SIGTERM; a .timer is only recorded. User= is not switched (the
test is one user). STAND_IN_PATHS maps the production paths in the units to the test's own
("/srv/permitdesk=/work/x;/etc/permitdesk.env=/tmp/y/env")."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

UNITS = Path(os.environ["STAND_IN_UNIT_DIR"])
STATE = Path(os.environ["STAND_IN_STATE"])
PATHS = [pair.split("=", 1) for pair in os.environ.get("STAND_IN_PATHS", "").split(";") if pair]


def mapped(text: str) -> str:
    for production, here in PATHS:
        text = text.replace(production, here)
    return text


def environment_file(path: str) -> dict[str, str]:
    values = {}
    for line in Path(mapped(path)).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def service(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNITS / name, encoding="utf-8")
    return parser["Service"]


def start(name: str) -> int:
    unit = service(name)
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"), "LANG": "C.UTF-8"}
    env.update(environment_file(unit["EnvironmentFile"]))
    command = re.sub(r"\$\{(\w+)\}", lambda m: env.get(m.group(1), ""), unit["ExecStart"])
    argv = [mapped(part) for part in shlex.split(command)]
    cwd = mapped(unit.get("WorkingDirectory", "/"))
    log = (STATE / f"{name}.log").open("ab")
    if unit.get("Type") == "oneshot":
        return subprocess.run(
            argv, cwd=cwd, env=env, stdout=log, stderr=log, check=False
        ).returncode
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=log,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    (STATE / f"{name}.pid").write_text(str(process.pid))
    return 0


def main(args: list[str]) -> int:
    STATE.mkdir(parents=True, exist_ok=True)
    verb, *rest = args
    names = [a for a in rest if not a.startswith("-")]
    if verb == "daemon-reload":
        return 0
    if verb in ("enable", "start"):
        if verb == "enable" and "--now" not in rest:
            return 0
        status = 0
        for name in names:
            if name.endswith(".timer"):
                (STATE / f"{name}.enabled").touch()
            else:
                status = status or start(name)
        return status
    if verb == "stop":
        for name in names:
            pid = STATE / f"{name}.pid"
            if pid.exists():
                os.killpg(int(pid.read_text()), signal.SIGTERM)
        return 0
    print(f"systemctl stand-in: {verb} is not something the test does", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
