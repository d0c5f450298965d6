"""Migration cases.0011: the queues' page and capped count can read their indexes alone
(case_queue with the id; the approvals' validity both ways round), and PostgreSQL keeps
extended statistics on an inspection's (result, inspector), which SQLite has no use for."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet

from permitdesk.cases.postgres_indexes import STATISTICS
from permitdesk.cases.selectors.counts import _first
from permitdesk.cases.selectors.queues import clerk_queue
from tests import factories

TODAY = factories.WEDNESDAY


def _indexes(table: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        found: dict[str, Any] = connection.introspection.get_constraints(cursor, table)
    return {name: c for name, c in found.items() if c["index"]}


def _plan(rows: QuerySet[Any, Any]) -> str:
    """The database's plan for `rows`; PostgreSQL's told not to scan a table nor hash (its
    tables are tiny here), so it says which index answers and whether it reads rows."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        for kind in ("seqscan", "bitmapscan", "hashjoin", "mergejoin"):
            cursor.execute(f"SET LOCAL enable_{kind} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_the_queue_and_validity_indexes_hold_the_columns_read() -> None:
    cases = _indexes("cases_application")
    assert cases["case_queue"]["columns"] == ["jurisdiction_id", "status", "submitted_at", "id"]
    approvals = _indexes("cases_approval")
    assert approvals["approval_valid_through"]["columns"][0] == "valid_through"
    assert approvals["approval_case_validity"]["columns"][0] == "application_id"


@pytest.mark.django_db
def test_a_queue_count_reads_its_index_alone() -> None:
    who = factories.people()
    factories.submitted(who)
    jid = who.clerk.memberships.get().jurisdiction_id
    new = _plan(_first(clerk_queue(jid, "new", TODAY), 500))
    lapsing = _plan(_first(clerk_queue(jid, "lapsing", TODAY), 500))
    if connection.vendor != "postgresql":  # no INCLUDE on SQLite: the case's index only
        assert "COVERING INDEX case_queue" in new, new
        return
    assert "Index Only Scan using case_queue" in new, new
    assert "Index Only Scan using approval_case_validity" in lapsing, lapsing


@pytest.mark.django_db
def test_postgresql_knows_an_inspections_result_and_inspector_go_together() -> None:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":  # SQLite has no extended statistics
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'inspection_result%'")
            assert cursor.fetchall() == []
            return
        cursor.execute("SELECT stxname, stxkind FROM pg_statistic_ext")
        found = dict(cursor.fetchall())
    assert {name for name, _, _ in STATISTICS} <= set(found)
    assert found["inspection_result_inspector"] == ["m"]  # most common values, together
