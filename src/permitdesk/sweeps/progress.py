"""A progress bar on a stream (the sweep's stderr): redrawn in place, at most ten times a
second, and finished with a newline."""

from __future__ import annotations

import time
from typing import Protocol

WIDTH = 30


class Stream(Protocol):
    def write(self, text: str, /) -> object: ...
    def flush(self) -> None: ...


class Progress:
    def __init__(self, stream: Stream, total: int, every_s: float = 0.1) -> None:
        self.stream, self.total, self.every_s = stream, total, every_s
        self.done = 0
        self._drawn_at = 0.0

    def advance(self, label: str, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._drawn_at >= self.every_s or self.done >= self.total:
            self._draw(label)
            self._drawn_at = now

    def _draw(self, label: str) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = round(WIDTH * min(share, 1.0))
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done:,}/{self.total:,} {share:4.0%} {label[:40]:<40}")
        self.stream.flush()

    def finish(self) -> None:
        self._draw("done")
        self.stream.write("\n")
        self.stream.flush()
