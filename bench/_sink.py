"""One table's COPY into PostgreSQL, fed a row at a time: what both benchmark loaders
(bench/_load.py, bench/sweep_load.py) stream their rows through."""

from __future__ import annotations

from contextlib import ExitStack

import psycopg
from psycopg import sql

from _tables import COLUMNS


class Sink:
    """One table's COPY on its own connection; rows are buffered and sent in chunks."""

    CHUNK = 4000  # rows per write: up to a megabyte or so

    def __init__(
        self,
        stack: ExitStack,
        conninfo: str,
        table: str,
        filled: dict[str, str] | None = None,
        columns: tuple[str, ...] | None = None,
    ) -> None:
        self.table = table
        self.rows = 0
        self._buf: list[str] = []
        # Columns the loader does not know (added since it was written), at their defaults.
        filled = filled or {}
        self._end = "".join(f"\t{v}" for v in filled.values()) + "\n"
        conn = stack.enter_context(psycopg.connect(conninfo))
        conn.execute("SET synchronous_commit = off")
        names = (columns or COLUMNS[table]) + tuple(filled)  # columns: another loader's set
        listed = sql.SQL(", ").join(sql.Identifier(c) for c in names)
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), listed)
        self._copy = stack.enter_context(conn.cursor().copy(statement))

    def put(self, row: str) -> None:
        buf = self._buf
        buf.append(row)
        if len(buf) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._buf:
            self.rows += len(self._buf)
            self._copy.write(self._end.join(self._buf) + self._end)
            self._buf.clear()
