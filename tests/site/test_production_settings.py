"""Issue 17, point 4: `check --deploy` gave 4 warnings with the production settings of docs/operations.md.
With the documented production environment it is clean now, and production mode (DEBUG off,
PUBLIC_URL on https) has secure cookies, HSTS and the redirect to HTTPS behind the proxy;
every page has a Content Security Policy and a Permissions-Policy; a session ends when idle."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.accounts.idle import LAST_SEEN

ROOT = Path(__file__).resolve().parents[2]


def production_env(var_dir: Path, **more: str) -> dict[str, str]:
    """The environment docs/operations.md's Production section documents, and nothing else of ours."""
    # Not the test run's own: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process.
    ours = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "HTTPS", "ALLOWED_HOSTS"}
    env = {
        k: v for k, v in os.environ.items() if k not in ours and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return {
        **env,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "permits.example.gov",
        "PUBLIC_URL": "https://permits.example.gov",
        "STATIC_MANIFEST": "1",
        "PERMITDESK_VAR_DIR": str(var_dir),
        **more,
    }


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_environment(
    tmp_path: Path,
) -> None:
    done = _manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def _settings(env: dict[str, str]) -> dict[str, object]:
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_IDLE_SECONDS",
        "PASSWORD_MIN_LENGTH",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    done = _manage(env, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_production_mode_turns_on_https_and_its_headers(tmp_path: Path) -> None:
    assert _settings(production_env(tmp_path)) == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_IDLE_SECONDS": 1800,
        "PASSWORD_MIN_LENGTH": 12,
    }
    # The demo on http://127.0.0.1:8000 (no PUBLIC_URL) stays plain HTTP.
    demo = _settings({**production_env(tmp_path), "PUBLIC_URL": ""})
    assert demo["SECURE_SSL_REDIRECT"] is False
    assert demo["SESSION_COOKIE_SECURE"] is False


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy_and_a_permissions_policy() -> None:
    for path in ("/", "/accounts/sign-in/", "/admin/login/", "/api/docs"):
        response = Client().get(path)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_a_session_idle_for_longer_than_the_limit_is_signed_out() -> None:
    User.objects.create_user("owner@example.test", "owner@example.test", "a long phrase here")
    client = Client()
    assert (
        client.post(
            "/accounts/sign-in/",
            {"username": "owner@example.test", "password": "a long phrase here"},
        ).status_code
        == 302
    )
    assert client.get("/cases/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(session[LAST_SEEN]) - 31 * 60
    session.save()
    after = client.get("/cases/")
    assert after.status_code == 302
    assert after["Location"].startswith("/accounts/sign-in/")
