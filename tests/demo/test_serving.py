"""`make run BIND=host:port`: the demo's QR codes, PDFs, e-mails and feed links point where it
serves (permitdesk.demo.serving turns BIND into PUBLIC_URL and ALLOWED_HOSTS)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from permitdesk.demo import serving
from permitdesk.demo.serving import BindError

ROOT = Path(__file__).resolve().parents[2]

# What a process started the way the Makefile starts demo_data and runserver prints: the
# permit's QR payload, a mailed link and a feed link, and whether Django takes the host.
PROBE = """
import django
django.setup()
from django.conf import settings
from django.http.request import validate_host
from permitdesk.cases.models import Permit
from permitdesk.documents.permit import verify_url
from permitdesk.accounts.mailing import public_link
from permitdesk.exports.models import CalendarFeed
from permitdesk.exports.links import url_of
print(verify_url(Permit(verification_token="tok")))
print(public_link("web:sign-in"))
print(url_of(CalendarFeed(key="k" * 22)).split("/feeds/")[0])
print(validate_host("127.0.0.2", settings.ALLOWED_HOSTS))
"""


def _env_words(bind: str, **environ: str) -> dict[str, str]:
    return serving.serving(bind, environ).env()


def test_bind_becomes_the_public_url_and_an_allowed_host() -> None:
    assert _env_words("127.0.0.2:8123") == {
        "PUBLIC_URL": "http://127.0.0.2:8123",
        "ALLOWED_HOSTS": "localhost,127.0.0.1,127.0.0.2",
    }
    assert _env_words("8080")["PUBLIC_URL"] == "http://127.0.0.1:8080"  # runserver's default
    assert _env_words("[::1]:9000") == {
        "PUBLIC_URL": "http://[::1]:9000",
        "ALLOWED_HOSTS": "localhost,127.0.0.1,[::1]",
    }


def test_every_address_is_reached_at_the_machines_network_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(serving, "network_address", lambda: "192.168.1.20")
    found = serving.serving("0.0.0.0:8000", {})
    assert found.public_url == "http://192.168.1.20:8000"
    assert "192.168.1.20" in found.allowed_hosts
    assert "0.0.0.0" not in found.public_url


def test_the_machines_network_address_is_an_address() -> None:
    import ipaddress

    assert ipaddress.ip_address(serving.network_address())


def test_a_public_url_or_hosts_already_set_win() -> None:
    found = serving.serving("127.0.0.1:8000", {"PUBLIC_URL": "https://demo.example.org/"})
    assert found.public_url == "https://demo.example.org"
    assert "demo.example.org" in found.allowed_hosts
    mine = serving.serving("127.0.0.1:8000", {"ALLOWED_HOSTS": "a.example, b.example"})
    assert mine.allowed_hosts == ("a.example", "b.example")


@pytest.mark.parametrize("bind", ["", "host", "host:http", "127.0.0.1:0", "127.0.0.1:70000"])
def test_a_bad_bind_is_refused_by_name(bind: str) -> None:
    with pytest.raises(BindError, match=f"BIND '{bind}': expected host:port or port"):
        serving.serving(bind, {})
    run = subprocess.run(
        [sys.executable, "-m", "permitdesk.demo.serving", bind or " "],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert "expected host:port or port" in run.stderr


def test_a_demo_started_on_bind_prints_addresses_on_bind() -> None:
    words = subprocess.run(
        [sys.executable, "-m", "permitdesk.demo.serving", "127.0.0.2:8123"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k not in ("PUBLIC_URL", "ALLOWED_HOSTS")},
    ).stdout.split()
    env = {k: v for k, v in os.environ.items() if k not in ("PUBLIC_URL", "ALLOWED_HOSTS")}
    env |= dict(word.split("=", 1) for word in words)
    env["DJANGO_SETTINGS_MODULE"] = "permitdesk.site.settings"
    printed = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    ).stdout.splitlines()
    assert printed == [
        "http://127.0.0.2:8123/verify/tok/",
        "http://127.0.0.2:8123/accounts/sign-in/",
        "http://127.0.0.2:8123",
        "True",
    ]


def test_make_run_passes_bind_to_demo_data_and_runserver() -> None:
    dry = subprocess.run(
        ["make", "-n", "run", "BIND=127.0.0.2:8123"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.splitlines()
    helper = "permitdesk.demo.serving 127.0.0.2:8123)"
    for command in ("manage.py demo_data", "manage.py runserver --noreload 127.0.0.2:8123"):
        (line,) = [x for x in dry if command in x]
        words = shlex.split(line.replace("$(", "").replace(")", ""))
        assert words[0] == "env", line
        assert helper.rstrip(")") in line, line
