"""Log lines as JSON, one object per line on standard error, each with the request id.

A line: {"time": "...", "level": "ERROR", "logger": "django.request", "message": "...",
"request_id": "...", "status_code": 500, "method": "GET", "path": "/...", "exc_info": "Traceback
..."}. docs/logging.md shows how to ship them to an operator's log system.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

from permitdesk.site.request_id import current, of_request

# The attributes every LogRecord has; anything else was passed in `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or "-" outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = of_request(getattr(record, "request", None)) or current.get()
        return True


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None)
            or of_request(getattr(record, "request", None))
            or current.get(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            line["method"] = request.method
            line["path"] = request.path
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in line and key != "request":
                line[key] = _plain(value)
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each line to standard error as it is when the line is logged, not as it was at
    start-up: a test runner, or a process manager, may swap sys.stderr, and a thread logging
    after the swap would otherwise write to a closed stream (and lose the line). setStream()
    with another stream still sends the lines there, until it is given standard error back."""

    def __init__(self) -> None:
        self._chosen: Any = None
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return self._chosen if self._chosen is not None else sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        self._chosen = None if value in (sys.stderr, sys.__stderr__) else value


def logging_config(level: str) -> dict[str, Any]:
    """LOGGING: everything at `level` and above to standard error as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {
                "()": StderrHandler,
                "filters": ["request_id"],
                "formatter": "json",
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        # Django's own handlers (console when DEBUG, mail_admins) replaced by the one above.
        "loggers": {
            "django": {"handlers": ["stderr"], "level": level, "propagate": False},
            # 4xx are the callers' mistakes, logged as warnings by django.request; keep them.
            "django.server": {"handlers": ["stderr"], "level": level, "propagate": False},
            # django-axes says "login failed" at INFO for each wrong password; our lockout
            # line (permitdesk.accounts.lockout) and the audit trail say what matters.
            "axes": {"level": "WARNING"},
        },
    }
