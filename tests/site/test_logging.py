"""Issue 17, point 5: the 500s found were logged nowhere. Now every log line is a JSON object
on standard error with the request's id, which every response carries as X-Request-ID, and an
error's line has its traceback."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the configured stderr handler writes, read back."""
    (handler,) = [h for h in logging.getLogger("django").handlers if h.name == "stderr"]
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    yield buffer
    handler.setStream(old)


def _lines(buffer: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_500_is_logged_with_its_traceback_and_the_responses_request_id(
    settings: Settings, log_lines: io.StringIO
) -> None:
    settings.ROOT_URLCONF = "tests.site.failing_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    rid = response["X-Request-ID"]
    (line,) = [x for x in _lines(log_lines) if x["level"] == "ERROR"]
    assert line["logger"] == "django.request"
    assert line["request_id"] == rid
    assert (line["method"], line["path"], line["status_code"]) == ("GET", "/boom/", 500)
    assert "Traceback" in str(line["exc_info"])
    assert "ZeroDivisionError: a bug in a view" in str(line["exc_info"])


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_a_proxys_id_is_kept() -> None:
    first, second = Client().get("/"), Client().get("/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
    given = Client().get("/", headers={"X-Request-ID": "nginx-0123456789abcdef"})
    assert given["X-Request-ID"] == "nginx-0123456789abcdef"
    forged = Client().get("/", headers={"X-Request-ID": 'x"\n{"level": "INFO"}'})
    assert forged["X-Request-ID"] != 'x"\n{"level": "INFO"}'  # not a sane id: a new one
    assert Client().get("/api/openapi.json")["X-Request-ID"]  # the API's too


def test_the_process_logs_json_lines_to_standard_error(tmp_path: Path) -> None:
    code = (
        "import logging\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('permitdesk.check').exception('it failed', extra={'case': 7})\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PERMITDESK_VAR_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "it failed" not in done.stdout
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["level"] == "ERROR"
    assert line["logger"] == "permitdesk.check"
    assert line["message"] == "it failed"
    assert line["request_id"] == "-"  # outside a request
    assert line["case"] == 7
    assert "ZeroDivisionError" in line["exc_info"]


def test_the_handler_writes_to_standard_error_as_it_is_when_a_line_is_logged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A test runner swaps sys.stderr per test; a thread logging after the swap must not write
    # to the stream of the start-up (closed by then) and lose the line.
    first, second = io.StringIO(), io.StringIO()
    logger = logging.getLogger("permitdesk.test-stderr")
    monkeypatch.setattr(sys, "stderr", first)
    logger.warning("one")
    first.close()
    monkeypatch.setattr(sys, "stderr", second)
    logger.warning("two")
    assert json.loads(second.getvalue())["message"] == "two"
