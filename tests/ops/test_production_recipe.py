"""docs/operations.md#production, run as written: its four fenced blocks (the install, the
services, granting a clerk, importing the former system's records) are taken from the doc and
run by bash verbatim, against a new, empty PostgreSQL database, with four production paths
standing for the test's own folders (/srv/permitdesk: this checkout; /etc/permitdesk.env: an
environment file made from deploy/permitdesk.env.sample; /etc/systemd/system/: a temporary
folder; /srv/go-live: a copy of docs/import's sample files) and systemctl
played by tests/ops/systemctl_stand_in.py, which runs the installed units' ExecStart lines.
Then, over HTTP on the running gunicorn, as people would: an applicant signs up (the outbox
worker mails the link to a local SMTP server), records a house and applies; a clerk signs
up, is granted the role by the doc's command, enrols an authenticator (TOTP) at sign-in and
records the fee; then imports the records and takes the rest of an imported case's fee,
found by its parcel. The payments are in the database and the receipt reached the SMTP
server."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from base64 import b32decode
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import psycopg
import pytest
import requests
from aiosmtpd.controller import Controller
from django.db import connection
from django_otp.oath import totp
from psycopg import sql

from tests.notices.conftest import Inbox, free_port
from tests.ops.forms import form

REPOSITORY = Path(__file__).resolve().parents[2]
DOC = REPOSITORY / "docs" / "operations.md"
SAMPLE = REPOSITORY / "deploy" / "permitdesk.env.sample"
STAND_IN = Path(__file__).with_name("systemctl_stand_in.py")
OPERATOR_PASSWORD = "operator pass phrase 1"
CLERK = "clerk@example.gov"
APPLICANT = "olive@example.test"
PASSWORD = "a long pass phrase"
LINK = re.compile(r"https?://[^/\s]+(/accounts/verify/[^/\s]+/)")


def recipe(name: str) -> str:
    """The fenced block after `<!-- production-recipe: name -->` in docs/operations.md."""
    found = re.search(
        rf"<!-- production-recipe: {name} -->\s*```bash\n(.*?)```", DOC.read_text(), re.S
    )
    assert found is not None, f"docs/operations.md has no production-recipe: {name} block"
    return found.group(1)


class Site:
    """The paths the doc's commands name, and where they stand in this test."""

    def __init__(self, root: Path, database_url: str, web_port: int, smtp_port: int) -> None:
        self.units = root / "systemd"
        self.state = root / "state"
        self.env_file = root / "permitdesk.env"
        self.var = root / "var"
        self.go_live = root / "go-live"  # the former system's exports: docs/import's samples
        shutil.copytree(REPOSITORY / "docs" / "import", self.go_live)
        self.url = f"http://127.0.0.1:{web_port}"
        self.units.mkdir()
        values = {
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "PUBLIC_URL": self.url,  # plain HTTP here: no proxy in front
            "CSRF_TRUSTED_ORIGINS": "",
            "PERMITDESK_VAR_DIR": str(self.var),
            "PERMITDESK_BIND": f"127.0.0.1:{web_port}",
            "PERMITDESK_WORKERS": "2",
            "OUTBOX_POLL_SECONDS": "1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "0",
            "TRUSTED_PROXIES": "0",
            "CLIENT_IP_HEADER": "",
        }
        lines = []
        for line in SAMPLE.read_text().splitlines():
            name = line.partition("=")[0]
            lines.append(f"{name}={values.pop(name)}" if name in values else line)
        assert not values, f"the sample lacks {sorted(values)}"
        self.env_file.write_text("\n".join(lines) + "\n")
        bin_dir = root / "bin"
        bin_dir.mkdir()
        systemctl = bin_dir / "systemctl"
        systemctl.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{STAND_IN}" "$@"\n')
        systemctl.chmod(0o755)
        # A login shell's environment, not the test run's: the settings come from the file.
        self.env = {"HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
        self.env.update(
            PATH=f"{bin_dir}:{os.environ['PATH']}",
            STAND_IN_UNIT_DIR=str(self.units),
            STAND_IN_STATE=str(self.state),
            STAND_IN_PATHS=f"/srv/permitdesk={REPOSITORY};/etc/permitdesk.env={self.env_file}",
        )

    def run(self, name: str, stdin: str = "") -> str:
        block = (
            recipe(name)
            .replace("/srv/permitdesk", str(REPOSITORY))
            .replace("/etc/permitdesk.env", str(self.env_file))
            .replace("/etc/systemd/system/", f"{self.units}/")
            .replace("/srv/go-live", str(self.go_live))
        )
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block],
            input=stdin,
            env=self.env,
            cwd="/",
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, f"{name}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def stop(self) -> None:
        """SIGTERM to each started unit's process group, as systemctl stop; then wait for each
        to go (SIGKILL after 30 s, as systemd would after TimeoutStopSec)."""
        pids = [int(p.read_text()) for p in self.state.glob("*.pid")] if self.state.exists() else []
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for pid in pids:
            while _running(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _running(pid):
                os.killpg(pid, signal.SIGKILL)


def _running(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True

    def logs(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text()[-3000:]}" for p in self.state.glob("*.log"))


def errors(response: requests.Response) -> str:
    """The page's error messages, for a failed assertion to show."""
    found = re.findall(
        r'class="usa-(?:error-message|alert__text)"[^>]*>(.*?)<', response.text, re.S
    )
    fields = re.findall(r'id="id_([\w-]+)-error"', response.text)
    return f"{response.status_code} {response.url}: {fields} {[e.strip() for e in found]}"


def wait_for(what: str, check: object, site: Site, seconds: float = 40) -> object:
    deadline = time.monotonic() + seconds  # a limit on waiting, not a timed assertion
    while time.monotonic() < deadline:
        found = check()  # type: ignore[operator]
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}\n{site.logs()}")


def body(message: Message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    return "".join(
        str(p.get_payload(decode=True).decode())
        for p in parts
        if p.get_content_type() == "text/plain"
    )


def mail_to(inbox: Inbox, address: str, subject_part: str) -> Message | None:
    for message in inbox.messages:
        if (
            address in str(message["To"])
            and subject_part.lower() in str(message["Subject"]).lower()
        ):
            return message
    return None


def post(
    session: requests.Session, site: Site, path: str, field: str, **values: str
) -> requests.Response:
    """Open the page, fill in the form that has `field`, send it (without following)."""
    page = session.get(site.url + path)
    assert page.status_code == 200, (path, page.status_code)
    action, fields = form(page.text, field)
    fields.update(values)
    return session.post(site.url + (action or path), data=fields, allow_redirects=False)


def sign_up(session: requests.Session, site: Site, inbox: Inbox, first: str, email: str) -> None:
    sent = post(
        session,
        site,
        "/accounts/sign-up/",
        "email",
        first_name=first,
        last_name="Person",
        email=email,
        password1=PASSWORD,
        password2=PASSWORD,
    )
    assert sent.status_code == 302, errors(sent)
    message = wait_for(f"{email}'s link", lambda: mail_to(inbox, email, ""), site)
    link = LINK.search(body(message))  # type: ignore[arg-type]
    assert link is not None
    done = post(session, site, link.group(1), "csrfmiddlewaretoken")
    assert done.status_code == 302, errors(done)


@pytest.fixture
def database() -> Iterator[str]:
    """A new, empty database beside the test database, dropped after."""
    if connection.vendor != "postgresql":
        pytest.skip("the production recipe runs on PostgreSQL, as production does")
    db = connection.settings_dict
    name = str(db["NAME"]).removeprefix("test_") + "_production"
    params = {
        "host": db["HOST"] or "localhost",
        "port": int(db["PORT"] or 5432),
        "user": db["USER"],
        "password": db["PASSWORD"],
        "autocommit": True,
    }
    with psycopg.connect(dbname=str(db["NAME"]), **params) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield (f"postgres://{db['USER']}:{db['PASSWORD']}@{params['host']}:{params['port']}/{name}")
    with psycopg.connect(dbname=str(db["NAME"]), **params) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on a free port, and what it received."""
    received, port = Inbox(), free_port()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    yield received, port
    controller.stop()


@pytest.mark.django_db
def test_the_production_recipe_serves_an_applicant_and_a_clerk(
    database: str, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, smtp_port = smtp
    site = Site(tmp_path, database, free_port(), smtp_port)
    try:
        site.run("install", stdin=OPERATOR_PASSWORD + "\n")
        site.run("services")
        wait_for("gunicorn", lambda: _answers(site.url), site)
        assert (site.units / "permitdesk-web.service").exists()

        # The applicant signs up, records a house in Clayton and applies for a new lease.
        applicant = requests.Session()
        sign_up(applicant, site, inbox, "Olive", APPLICANT)
        place = post(
            applicant,
            site,
            "/properties/new/",
            "parcel_id",
            jurisdiction="clayton-mo",
            parcel_id="19-4-1-011",
            address="7 Wydown Terrace",
            city="Clayton",
            state="MO",
            zip_code="63105",
        )
        assert place.status_code == 302, errors(place)
        unit = post(
            applicant,
            site,
            place.headers["Location"],
            "unit_type",
            unit_type="single-family",
            units_in_building="1",
            **{"bedroom-0-area_sqft": "130", "bedroom-1-area_sqft": "100"},
        )
        assert unit.status_code == 302, errors(unit)
        options = re.findall(r'<option value="(\d+)"', applicant.get(site.url + "/apply/").text)
        assert len(options) == 1  # the one unit recorded
        quote = post(
            applicant, site, "/apply/", "unit", unit=options[0], trigger="lease", step="quote"
        )
        assert quote.status_code == 200, errors(quote)
        assert "$80.00" in quote.text
        _, fields = form(quote.text, "unit")
        applied = applicant.post(
            site.url + "/apply/", data={**fields, "step": "submit"}, allow_redirects=False
        )
        assert applied.status_code == 302, errors(applied)
        case = int(applied.headers["Location"].strip("/").split("/")[-1])

        # The clerk signs up, the operator grants the role, the clerk signs in with a code.
        sign_up(requests.Session(), site, inbox, "Carla", CLERK)
        site.run("staff")
        clerk = requests.Session()
        signed_in = post(
            clerk, site, "/accounts/sign-in/", "username", username=CLERK, password=PASSWORD
        )
        assert signed_in.status_code == 302
        started = post(clerk, site, "/accounts/two-factor/", "action", action="start")
        assert started.status_code == 302
        page = clerk.get(site.url + "/accounts/two-factor/").text
        key = re.search(r"\b((?:[A-Z2-7]{4} ){3,}[A-Z2-7]{1,4})\b", page)
        assert key is not None, page
        code = f"{totp(b32decode(key.group(1).replace(' ', ''))):06d}"
        confirmed = post(clerk, site, "/accounts/two-factor/", "code", action="confirm", code=code)
        assert confirmed.status_code == 302, errors(confirmed)
        paid = post(clerk, site, f"/staff/cases/{case}/", "amount", method="check", amount="80.00")
        assert paid.status_code == 302, errors(paid)

        # The former system's records come in by the clerk; the clerk finds an imported case
        # by its parcel (the open one of its two) and takes the rest of its fee ($75 assessed,
        # $25 paid before).
        imported = site.run("import")
        assert "dry run: nothing written" in imported
        assert "written" in imported.rsplit("payments:", 1)[1]
        found = clerk.get(site.url + "/staff/search/", params={"q": "18K320221"})
        assert found.status_code == 200
        rows = [row for row in found.text.split("<tr")[1:] if "Submitted" in row]
        assert len(rows) == 1, found.text  # the open case (the other is the permit in force)
        old_case = re.findall(r'href="/staff/cases/(\d+)/"', rows[0])[0]
        balance = post(
            clerk, site, f"/staff/cases/{old_case}/", "amount", method="check", amount="50.00"
        )
        assert balance.status_code == 302, errors(balance)

        with psycopg.connect(database) as db:
            payment = db.execute(
                "SELECT p.amount, u.email FROM cases_payment p "
                "JOIN auth_user u ON u.id = p.recorded_by_id WHERE p.application_id = %s",
                [case],
            ).fetchall()
            sweeps = db.execute("SELECT count(*) FROM sweeps_sweeprun WHERE completed").fetchone()
            operator = db.execute(
                "SELECT is_superuser FROM auth_user WHERE username = 'operator'"
            ).fetchone()
            old_payments = db.execute(
                "SELECT amount FROM cases_payment WHERE application_id = %s ORDER BY id",
                [int(old_case)],
            ).fetchall()
            old_balance = db.execute(
                "SELECT balance_due FROM cases_application WHERE id = %s", [int(old_case)]
            ).fetchone()
        assert [(str(amount), email) for amount, email in payment] == [("80.00", CLERK)]
        assert [str(amount) for (amount,) in old_payments] == ["25.00", "50.00"]
        assert old_balance is not None
        assert str(old_balance[0]) == "0.00"
        assert sweeps == (1,)  # the one sweep run the recipe starts
        assert operator == (True,)
        receipt = wait_for("the receipt", lambda: mail_to(inbox, APPLICANT, "receipt"), site)
        assert "80.00" in body(receipt)  # type: ignore[arg-type]
    finally:
        site.stop()
    assert not any(_running(int(p.read_text())) for p in site.state.glob("*.pid"))


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False
