"""Migration cases.0011: the queues' page and capped count can read their indexes alone
(case_queue with the id; the approvals' validity both ways round), and PostgreSQL keeps
extended statistics on an inspection's (result, inspector), which SQLite has no use for."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Index

from permitdesk.cases.models import Application
from permitdesk.cases.postgres_indexes import STATISTICS, CoveringIndex
from permitdesk.cases.selectors.counts import _first
from permitdesk.cases.selectors.queues import clerk_queue
from tests import factories

TODAY = factories.WEDNESDAY


def _indexes(table: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        found: dict[str, Any] = connection.introspection.get_constraints(cursor, table)
    return {name: c for name, c in found.items() if c["index"]}


@pytest.mark.django_db
def test_the_queue_and_validity_indexes_hold_the_columns_read() -> None:
    """Which index PostgreSQL picks among equals on a test's few rows varies, so the plans at
    county scale are bench/pages.py's (docs/benchmarks-pages.md); here, that the indexes
    hold every column the queue's count and page read, so they can answer alone."""
    cases = _indexes("cases_application")
    assert cases["case_queue"]["columns"] == ["jurisdiction_id", "status", "submitted_at", "id"]
    approvals = _indexes("cases_approval")
    assert approvals["approval_valid_through"]["columns"][0] == "valid_through"
    assert approvals["approval_case_validity"]["columns"][0] == "application_id"
    if connection.vendor == "postgresql":  # INCLUDE is PostgreSQL's
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases_approval'"
            )
            made = dict(cursor.fetchall())
        assert made["approval_valid_through"].endswith("(valid_through) INCLUDE (application_id)")
        assert made["approval_case_validity"].endswith("(application_id) INCLUDE (valid_through)")


def test_a_covering_index_is_made_as_djangos_include_would_make_it() -> None:
    """INCLUDE where the database has it (PostgreSQL), the key columns alone elsewhere."""
    editor = connection.schema_editor()
    ours = CoveringIndex(fields=["unit", "jurisdiction"], covering=["id"], name="case_unit")
    djangos = Index(fields=["unit", "jurisdiction"], include=["id"], name="case_unit")
    made = str(ours.create_sql(Application, editor))
    assert made == str(djangos.create_sql(Application, editor))
    assert ("INCLUDE" in made) == connection.features.supports_covering_indexes


@pytest.mark.django_db
def test_a_queue_count_reads_its_index_alone() -> None:
    who = factories.people()
    factories.submitted(who)
    jid = who.clerk.memberships.get().jurisdiction_id
    rows = _first(clerk_queue(jid, "new", TODAY), 500)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Its planner picks among near-equal indexes on a test's few rows as it likes
            # (no visibility map yet): the plans at scale are bench/pages.py's. Here, that
            # the index made holds the id after the queue's columns.
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'case_queue'")
            (made,) = cursor.fetchone()
            assert made.endswith("(jurisdiction_id, status, submitted_at, id)"), made
            return
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX case_queue" in plan, plan


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
