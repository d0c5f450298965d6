"""Around a bulk load: the secondary indexes, unique constraints and foreign keys dropped and
recreated from their own definitions, the NOT NULL columns the loader must fill with Django's
defaults, the sequences moved past the loaded ids, and VACUUM ANALYZE."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
from psycopg import sql

from _tables import COLUMNS, TABLES, copy_text


def unknown_columns(conninfo: str) -> dict[str, dict[str, str]]:
    """Per table, the NOT NULL columns without a database default that COLUMNS does not name,
    with their Django field's default as COPY text (Django keeps defaults in Python)."""
    from django.apps import apps

    models = {m._meta.db_table: m for m in apps.get_models()}
    found: dict[str, dict[str, str]] = {}
    with psycopg.connect(conninfo) as conn:
        for table, column in conn.execute(
            """SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name::text = ANY(%s::text[])
                  AND is_nullable = 'NO' AND column_default IS NULL
                ORDER BY table_name, ordinal_position""",
            (list(TABLES),),
        ):
            if column in COLUMNS[table]:
                continue
            fields = [f for f in models[table]._meta.concrete_fields if f.column == column]
            value = fields[0].get_default() if fields else None
            if value is None:
                raise RuntimeError(
                    f"{table}.{column} is NOT NULL without a default: add it to bench/_tables.py"
                )
            text = ("t" if value else "f") if isinstance(value, bool) else copy_text(str(value))
            found.setdefault(table, {})[column] = text
    return found


# --- schema around a bulk load -------------------------------------------------------------


@dataclass(frozen=True)
class Secondary:
    """A secondary index or constraint of a loaded table, with its own definition."""

    table: str
    name: str
    kind: str  # "index", "unique" or "foreign"
    definition: str


def secondary_schema(conninfo: str) -> list[Secondary]:
    """Every index and constraint of the loaded tables except their primary keys."""
    found: list[Secondary] = []
    with psycopg.connect(conninfo) as conn:
        for table, name, kind, definition in conn.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname,
                   CASE c.contype WHEN 'u' THEN 'unique' ELSE 'foreign' END,
                   pg_get_constraintdef(c.oid)
              FROM pg_constraint c
             WHERE c.conrelid = ANY(%(tables)s::regclass[]) AND c.contype IN ('u', 'f')
            UNION ALL
            SELECT i.tablename::text, i.indexname::text, 'index', i.indexdef
              FROM pg_indexes i
             WHERE i.schemaname = 'public' AND i.tablename::text = ANY(%(tables)s::text[])
               AND NOT EXISTS (SELECT FROM pg_constraint c
                                WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))
            ORDER BY 1, 2
            """,
            {"tables": list(TABLES)},
        ):
            found.append(Secondary(table, name, kind, definition))
    return found


def drop(conninfo: str, saved: list[Secondary]) -> None:
    with psycopg.connect(conninfo) as conn:
        for s in sorted(saved, key=lambda s: s.kind != "foreign"):  # foreign keys first
            if s.kind == "index":
                conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(s.name)))
            else:
                conn.execute(
                    sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                        sql.Identifier(s.table), sql.Identifier(s.name)
                    )
                )


def _create(conn: psycopg.Connection[tuple[object, ...]], s: Secondary) -> None:
    if s.kind == "index":
        conn.execute(s.definition.encode())
    else:
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(
                sql.Identifier(s.table), sql.Identifier(s.name)
            )
            + sql.SQL(s.definition)  # from pg_get_constraintdef
        )


def restore(conninfo: str, saved: list[Secondary], lanes: int = 2) -> None:
    """Recreate what `drop` dropped: indexes and unique constraints on `lanes` connections at
    once (a table's all on one, as ADD CONSTRAINT locks its table), then the foreign keys one
    after another (each locks both of its tables)."""
    with psycopg.connect(conninfo) as conn:
        sizes: dict[str, int] = {
            str(name): int(size)
            for name, size in conn.execute(
                "SELECT relname::text, pg_relation_size(oid) FROM pg_class WHERE relkind = 'r'"
            )
        }
    tables = sorted({s.table for s in saved}, key=lambda t: -sizes.get(t, 0))
    work: list[list[Secondary]] = [[] for _ in range(lanes)]
    weight = [0] * lanes
    for table in tables:  # the largest table to the lightest lane
        lane = weight.index(min(weight))
        work[lane] += [s for s in saved if s.table == table and s.kind != "foreign"]
        weight[lane] += sizes.get(table, 0)
    failures: list[BaseException] = []

    def build(items: list[Secondary]) -> None:
        try:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute("SET maintenance_work_mem = '256MB'")
                for s in items:
                    _create(conn, s)
        except BaseException as exc:  # reported by the caller's thread
            failures.append(exc)

    threads = [threading.Thread(target=build, args=(items,)) for items in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for s in saved:
            if s.kind == "foreign":
                _create(conn, s)
    now = secondary_schema(conninfo)
    if sorted(map(_shape, now)) != sorted(map(_shape, saved)):
        raise RuntimeError("the schema after the load is not the one before it")


def _shape(s: Secondary) -> tuple[str, str, str, str]:
    """What must match after a load. A partial index's WHERE is left out: PostgreSQL deparses
    a predicate it parsed from its own pg_get_indexdef text with more casts than the first
    time (`ARRAY[('ended'::character varying)::text]` for `ARRAY['ended'::character varying]`),
    the same condition written differently."""
    return s.table, s.name, s.kind, s.definition.split(" WHERE ")[0]


def move_sequences(conninfo: str, tables: Sequence[str] = TABLES) -> None:
    """Move each loaded table's id sequence past the ids the loader gave."""
    with psycopg.connect(conninfo) as conn:
        for table in tables:
            conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({t}, 'id'), "
                    "(SELECT coalesce(max(id), 0) + 1 FROM {i}), false)"
                ).format(t=sql.Literal(table), i=sql.Identifier(table))
            )


def vacuum_analyze(conninfo: str) -> None:
    """VACUUM (ANALYZE): statistics for the planner and a visibility map, as autovacuum would
    leave a steady-state database (and so autovacuum does not start during the measurements)."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for table in TABLES:
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
