"""Measuring a running app: gunicorn as production runs it, latency, throughput, peak memory,
and the SQL queries of one request (in-process, Django's test client)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def vm_hwm_kib(pid: int) -> int:
    """Peak resident set size (VmHWM) of a process, in KiB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_times() -> dict[int, tuple[str, float]]:
    """Every process's command name and CPU time (user + system, seconds) so far."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        found[int(entry.name)] = (comm, (int(fields[11]) + int(fields[12])) / tick)
    return found


class Noise:
    """CPU that other processes (not this one, its gunicorn, or PostgreSQL) used while we
    measured: another test suite running on the same 2 cores skews every figure."""

    def __init__(self) -> None:
        self.before = cpu_times()
        self.t0 = time.monotonic()

    def share(self, ours: set[int]) -> tuple[float, list[str]]:
        """The share of the machine's CPU used by others, and the busiest of them."""
        after = cpu_times()
        wall = (time.monotonic() - self.t0) * (os.cpu_count() or 1)
        used: dict[str, float] = {}
        for pid, (comm, seconds) in after.items():
            if pid in ours or comm == "postgres":
                continue
            spent = seconds - self.before.get(pid, (comm, 0.0))[1]
            if spent > 0:
                used[comm] = used.get(comm, 0.0) + spent
        busiest = sorted(used.items(), key=lambda kv: -kv[1])[:3]
        return sum(used.values()) / wall if wall else 0.0, [
            f"{comm} {seconds:.1f} s" for comm, seconds in busiest if seconds >= 0.5
        ]


def wait_quiet(limit_s: float, threshold: float, window_s: float = 5.0) -> tuple[bool, float]:
    """Wait (up to `limit_s`) for a `window_s` in which other processes use at most
    `threshold` of the CPUs; whether one came, and the others' share in the last window."""
    deadline = time.monotonic() + limit_s
    while True:
        noise = Noise()
        time.sleep(window_s)
        share, _ = noise.share({os.getpid()})
        if share <= threshold or time.monotonic() >= deadline:
            return share <= threshold, share


@dataclass
class Memory:
    master_kib: int
    workers_kib: list[int]

    @property
    def largest_kib(self) -> int:
        return max([self.master_kib, *self.workers_kib])


class Gunicorn:
    """`gunicorn permitdesk.site.wsgi:application --workers 2` on a free loopback port, with
    the bench's settings (the project's plus a bare view), DEBUG off."""

    def __init__(self, env: Mapping[str, str], log: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.log = log
        self.workers = workers
        self.env = dict(env)
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_s = 0.0

    def __enter__(self) -> Gunicorn:
        t0 = time.perf_counter()
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "permitdesk.site.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--pythonpath",
                    str(REPO),
                    "--error-logfile",
                    "-",
                ],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            if len(children(self.proc.pid)) >= self.workers:
                try:
                    if get_once(self.port, "/bench/bare", None) == 200:
                        self.started_s = time.perf_counter() - t0
                        return self
                except OSError:
                    pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log}")

    def pids(self) -> set[int]:
        assert self.proc is not None
        return {self.proc.pid, *children(self.proc.pid)}

    def memory(self) -> Memory:
        assert self.proc is not None
        return Memory(vm_hwm_kib(self.proc.pid), [vm_hwm_kib(w) for w in children(self.proc.pid)])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _headers(token: str | None) -> dict[str, str]:
    """A bearer token's header; a "sessionid=…" credential (bench/pages.py) goes as a cookie."""
    if token and token.startswith("sessionid="):
        return {"Cookie": token}
    return {"Authorization": f"Bearer {token}"} if token else {}


def _get(conn: http.client.HTTPConnection, path: str, headers: Mapping[str, str]) -> int:
    """One GET on a kept connection (http.client reconnects when the server closed it)."""
    try:
        conn.request("GET", path, headers=dict(headers))
        response = conn.getresponse()
        response.read()
        return response.status
    except (http.client.HTTPException, OSError):
        conn.close()
        return 0


def get_once(port: int, path: str, token: str | None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        return _get(conn, path, _headers(token))
    finally:
        conn.close()


@dataclass
class Latency:
    p50_ms: float
    p95_ms: float
    requests: int
    statuses: dict[int, int] = field(default_factory=dict)
    truncated: bool = False  # stopped by the time budget before the requests asked for


def _percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(q / 100 * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def latency(
    port: int, path: str, token: str | None, warmup: int, requests: int, budget_s: float
) -> Latency:
    """Sequential GETs on one client connection: `warmup` unmeasured, then up to `requests`
    measured ones (fewer if `budget_s` runs out first)."""
    headers = _headers(token)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    statuses: dict[int, int] = {}
    times: list[float] = []
    start = time.monotonic()
    try:
        for _ in range(warmup):
            _get(conn, path, headers)
            if time.monotonic() - start > budget_s / 4:
                break
        start = time.monotonic()
        clock = time.perf_counter
        for _ in range(requests):
            t0 = clock()
            status = _get(conn, path, headers)
            times.append(clock() - t0)
            statuses[status] = statuses.get(status, 0) + 1
            if time.monotonic() - start > budget_s:
                break
    finally:
        conn.close()
    times.sort()
    return Latency(
        _percentile(times, 50) * 1e3,
        _percentile(times, 95) * 1e3,
        len(times),
        statuses,
        truncated=len(times) < requests,
    )


def throughput(port: int, path: str, token: str | None, seconds: float, threads: int) -> float:
    """Successful (2xx) requests per second from `threads` concurrent clients."""
    headers = _headers(token)
    counts = [0] * threads
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            while time.monotonic() < deadline:
                if 200 <= _get(conn, path, headers) < 300:
                    counts[i] += 1
        finally:
            conn.close()

    t0 = time.perf_counter()
    pool = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


@dataclass
class Paired:
    """Throughput of an endpoint and of the bare view, measured in alternating slices."""

    rps: float
    bare_rps: float
    slice_ratios: list[float]


def paired_throughput(
    port: int, path: str, token: str | None, bare: str, seconds: float, threads: int, slices: int
) -> Paired:
    """`path`'s and the bare view's throughput, `seconds` each, measured in `slices` slices
    that alternate between the two: a host that slows down for a while (another machine's load
    on the same hardware, which this one cannot see) slows both alike, and the ratio holds."""
    one = seconds / slices
    ours, theirs = [], []
    for _ in range(slices):
        theirs.append(throughput(port, bare, None, one, threads))
        ours.append(throughput(port, path, token, one, threads))
    return Paired(
        sum(ours) / slices,
        sum(theirs) / slices,
        [a / b if b else 0.0 for a, b in zip(ours, theirs, strict=True)],
    )


@dataclass
class Queries:
    count: int
    status: int
    sql_ms: float
    slowest_ms: float
    slowest_sql: str
    statements: list[tuple[float, str]]


def count_queries(path: str, token: str | None) -> Queries:
    """The SQL of one request, in this process (django.setup() done, bench settings): the
    second of two identical requests, so one-time work (caches, first connection) is not
    counted."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False, headers=_headers(token))
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    statements = [(float(q["time"] or 0) * 1e3, q["sql"]) for q in ctx.captured_queries]
    slowest = max(statements, default=(0.0, ""))
    return Queries(
        len(statements),
        response.status_code,
        sum(ms for ms, _ in statements),
        slowest[0],
        slowest[1],
        statements,
    )


def django_env(database_url: str, secret_key: str) -> dict[str, str]:
    """The environment of the app under test: production settings, the bench's URLconf."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.bench_settings",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=secret_key,
        PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "src")]),
    )
    return env
