"""The hand-written reads' values and statements (permitdesk.api.reads.sql): moments, dates and
amounts written as ninja's encoder writes them, rows put in order by their values, and a kept
database connection that the server dropped replaced without failing the read."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection

from permitdesk.api.reads.json_text import json_object, moment_text, money_text, sort_text
from permitdesk.api.reads.sql import (
    Fields,
    as_date,
    as_int,
    as_moment,
    as_money,
    as_str,
    fetch,
    in_order,
    moment,
    record,
)

ENCODER = DjangoJSONEncoder()  # what ninja's encoder does with these types


def _micros() -> list[int]:
    rng = random.Random(20261124)
    return [0, 1, 500, 999, 1000, 100000, 280000, 280374, 999999] + [
        rng.randrange(1_000_000) for _ in range(500)
    ]


def _texts(at: dt.datetime) -> list[Any]:
    """`at` as each database may give it: PostgreSQL's JSON (six digits, or zeros trimmed),
    SQLite's stored text, another zone's offset, and the datetime itself."""
    pg = at.isoformat()
    trimmed = f"{pg[:19]}.{pg[20:26].rstrip('0')}+00:00" if at.microsecond else pg
    sqlite = at.replace(tzinfo=None).isoformat(" ")
    chicago = at.astimezone(dt.timezone(dt.timedelta(hours=-6))).isoformat()
    return [pg, trimmed, sqlite, chicago, at]


def test_a_moment_is_written_as_ninja_writes_it_whatever_form_the_database_gives() -> None:
    for micro in _micros():
        at = dt.datetime(2026, 11, 23, 18, 49, 59, micro, tzinfo=dt.UTC)
        for given in _texts(at):
            assert as_moment(given) == ENCODER.default(at), given


def test_dates_and_amounts_are_written_as_ninja_writes_them() -> None:
    day = dt.date(2026, 2, 3)
    assert as_date(day) == as_date("2026-02-03") == ENCODER.default(day)
    for given in (Decimal("80"), Decimal("80.00"), 80, 80.0, "80.00"):
        assert as_money(given) == ENCODER.default(Decimal("80.00"))
    assert as_money(Decimal("0.5")) == "0.50"


def test_rows_are_ordered_by_a_moments_instant_not_its_text() -> None:
    fields: Fields = (("id", as_int), ("at", as_moment))
    # The later moment's text sorts first ("…:00Z" > "…:00.5Z" in SQLite's and in JSON's form).
    rows = [
        [1, "2026-11-23 12:00:01"],
        [2, "2026-11-23 12:00:00.500000"],
        [3, "2026-11-23 12:00:00"],
    ]
    assert [r[0] for r in in_order(fields, rows, ("at", "id"))] == [3, 2, 1]
    assert record(fields, rows[1]) == {"id": 2, "at": "2026-11-23T12:00:00.500Z"}


def _column(name: str, field: str, **params: int) -> str:
    """A column of a temporary table, of the type the database gives the model field."""
    return f"{name} {connection.data_types[field] % params}"


@pytest.mark.django_db
def test_the_database_writes_moments_and_amounts_as_ninja_writes_them() -> None:
    """json_text's words, over values stored as Django stores them: the moment's and the
    amount's text, a whole row as one JSON object, and the sort text in the instants' order."""
    vendor = connection.vendor
    moments = [dt.datetime(2026, 11, 23, 18, 49, 59, m, tzinfo=dt.UTC) for m in _micros()]
    moments += [dt.datetime(1999, 1, 2, 3, 4, 5, tzinfo=dt.UTC), moments[3] + dt.timedelta(1)]
    amounts = [Decimal(v) for v in ("0", "0.5", "12.50", "80", "80.00", "9999999999.99")]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE moments ("
            f"id integer, {_column('at', 'DateTimeField')}, "
            f"{_column('amount', 'DecimalField', max_digits=12, decimal_places=2)})"
        )
        cursor.executemany(
            "INSERT INTO moments VALUES (%s, %s, %s)",
            [
                (
                    i,
                    connection.ops.adapt_datetimefield_value(at),
                    connection.ops.adapt_decimalfield_value(amounts[i % len(amounts)], 12, 2),
                )
                for i, at in enumerate(moments)
            ],
        )
        cursor.execute(
            f"SELECT id, {moment_text('at', vendor)}, {money_text('amount', vendor)}, "
            f"{sort_text('at', vendor)}, "
            f"{json_object((('at', as_moment), ('amount', as_money), ('n', as_int)), ('at', 'amount', 'id'), vendor)} "
            "FROM moments"
        )
        rows = cursor.fetchall()
    assert len(rows) == len(moments)
    for i, at_text, amount_text, sorts_as, obj in rows:
        at, amount = moments[i], amounts[i % len(amounts)]
        assert at_text == ENCODER.default(at), (at, at_text)
        assert amount_text == ENCODER.default(amount.quantize(Decimal("0.01"))), amount
        assert moment(sorts_as) == at
        assert json.loads(obj) == {"at": at_text, "amount": amount_text, "n": i}
    by_text = [i for i, *_ in sorted(rows, key=lambda row: row[3])]
    assert by_text == sorted(range(len(moments)), key=lambda i: moments[i])


@pytest.mark.django_db
def test_the_databases_json_keeps_any_text_as_it_is() -> None:
    awkward = 'Rue "Cafe" \\ No. 5\nApt é, 日本, \t\u0001 end'
    fields: Fields = (("text", as_str), ("n", as_int))
    [(written,)] = fetch(
        f"SELECT {json_object(fields, ('CAST(%s AS text)', '7'), connection.vendor)}", [awkward]
    )
    assert json.loads(written) == {"text": awkward, "n": 7}


def test_a_field_without_a_word_in_sql_is_refused() -> None:
    with pytest.raises(ValueError, match="'when'"):
        json_object((("id", as_int), ("when", as_date)), ("a.id", "a.on"), "sqlite")
    with pytest.raises(ValueError, match="2 fields for 1 columns"):
        json_object((("id", as_int), ("name", as_str)), ("a.id",), "postgresql")


@pytest.mark.django_db
def test_a_failed_statement_is_raised_and_not_run_again() -> None:
    runs: list[str] = []

    def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        runs.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted), pytest.raises(DatabaseError):
        fetch("SELECT no_such_column FROM auth_user", [])
    assert runs == ["SELECT no_such_column FROM auth_user"]


@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_the_server_dropped_is_replaced_by_the_read() -> None:
    """As after a database restart: the next read runs on a new connection instead of failing
    (the reads skip Django's health check, a round trip of its own on every request)."""
    if connection.vendor != "postgresql":
        # SQLite is a file this process opens: there is no server to drop the connection.
        assert connection.is_usable()
        return
    [(before,)] = fetch("SELECT pg_backend_pid()", [])
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [before])
        while other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [before]).fetchone():
            pass
    connection.health_check_done = False  # type: ignore[attr-defined]  # as a new request finds it
    [(after,)] = fetch("SELECT pg_backend_pid()", [])
    assert after != before
