"""The project's settings with the bench's URLconf (the project's URLs plus a bare view).

Used by bench/api.py for gunicorn and the in-process query counts; /work/main (the repository)
must be on the Python path. BENCH_CONN_MAX_AGE, if set, keeps database connections open that
many seconds instead of the project's DB_CONN_MAX_AGE (60) — a diagnostic knob only.
"""

from __future__ import annotations

import os

from permitdesk.site.settings import *  # noqa: F403
from permitdesk.site.settings import DATABASES

ROOT_URLCONF = "bench.bench_urls"

if os.environ.get("BENCH_CONN_MAX_AGE", "").strip():
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])
