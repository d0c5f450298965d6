"""The outbox's throughput against a local SMTP server (aiosmtpd), in messages per second.

Makes a fresh PostgreSQL database (`permitdesk_outbox_bench`), migrates it, loads the demo
(for real permits to attach), starts an aiosmtpd server in a process of its own, and for each
mix of messages and each worker count queues the messages, runs one pass of the workers
(`send_outbox --workers N`'s run_workers, timed from the first claim to the last record) and
prints messages/s and its ratio to one worker in the same run. Then it measures where one
message's time goes. Not a test: it exits 0 whatever it measures; --check exits 1 when the
best worker count misses TARGET for the text mix.

    .venv/bin/python bench/outbox.py            # ~5 minutes on 2 cores; --help for options
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "bench") not in sys.path:
    sys.path.insert(0, str(REPO / "bench"))

from _database import _with_db, drop_database, migrate, recreate_database  # noqa: E402

TARGET = 500.0  # messages/s (issue 16)
DEFAULT_URL = "postgres://permitdesk:permitdesk@127.0.0.1:5432/permitdesk"


def say(*parts: object) -> None:
    print(*parts, flush=True)


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound for a moment, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_smtp(port: int, ready: multiprocessing.synchronize.Event) -> None:
    """An aiosmtpd server that accepts and drops every message (it parses nothing, as a
    relay would not before queueing), until killed."""
    import logging

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True
    )


def setup_django(url: str, port: int) -> None:
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="permitdesk.site.settings",
        DEBUG="0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_TIMEOUT="10",
        DEFAULT_FROM_EMAIL="permits@permitdesk.test",
        OUTBOX_MESSAGE_ID_DOMAIN="permitdesk.test",
    )
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=5000, help="per run (default 5000)")
    parser.add_argument(
        "--pdf-messages", type=int, default=400, help="per run, each its own PDF (default 400)"
    )
    parser.add_argument("--workers", default="1,2,3,4", help="worker counts (default 1,2,3,4)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--check", action="store_true", help=f"exit 1 below {TARGET:.0f}/s")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    if counts[0] != 1:
        counts.insert(0, 1)  # the baseline
    url = _with_db(os.environ.get("DATABASE_URL") or DEFAULT_URL, "permitdesk_outbox_bench")

    say(f"outbox bench: {platform.python_version()}, {os.cpu_count()} cores, {url}")
    started = time.perf_counter()
    recreate_database(url)
    migrate(url)
    manage(url, "load_jurisdictions")
    manage(url, "demo_data", "--force")
    say(f"database made, migrated, demo loaded in {time.perf_counter() - started:.0f} s")

    port = free_port()
    ready = multiprocessing.get_context("fork").Event()
    server = multiprocessing.get_context("fork").Process(
        target=serve_smtp, args=(port, ready), daemon=True
    )
    server.start()
    ready.wait(10)
    try:
        setup_django(url, port)
        from _outbox_runs import breakdown, run_mixes

        assert server.pid is not None
        best, cpu = run_mixes(counts, args.messages, args.pdf_messages, server.pid, say)
        cpu += breakdown(say)
        cores = os.cpu_count() or 1
        say(
            f"CPU per message, all parts: {cpu:.2f} ms; {cores} cores wholly ours would send "
            f"at most {cores * 1000 / cpu:.0f} messages/s (load average now "
            f"{os.getloadavg()[0]:.1f}: other work shares these cores)"
        )
    finally:
        server.kill()
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(url)
    reached = "reached" if best >= TARGET else "missed"
    say(f"target {TARGET:.0f} messages/s (text and HTML, best worker count): {reached}")
    return 1 if args.check and best < TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
