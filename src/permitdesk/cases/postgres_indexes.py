"""Indexes only PostgreSQL has (pg_trgm's trigram GIN indexes for the staff search), made by a
migration operation that does nothing on another database.

They are kept out of the models' state on purpose: an index in a model's Meta is made on
every database, and SQLite rebuilds a table with all its Meta indexes whenever a later
migration alters it, which a GIN index would break. The index is still one of Django's
(GinIndex, OpClass), built by the schema editor, not hand-written SQL.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from django.db.models import Index
from django.db.models.functions import Upper

TRIGRAMS = "gin_trgm_ops"


def trigram(name: str, column: str, *, upper: bool) -> GinIndex:
    """A trigram index on `column`, or on UPPER(column): Django's icontains compares
    UPPER(column::text) LIKE UPPER(%s), and contains compares column::text LIKE %s."""
    if upper:
        return GinIndex(OpClass(Upper(column), name=TRIGRAMS), name=name)
    return GinIndex(fields=[column], opclasses=[TRIGRAMS], name=name)


class AddPostgresIndex(Operation):
    """Add `index` to the model `model` ("app_label.ModelName") on PostgreSQL only."""

    reversible = True

    def __init__(self, model: str, index: Index) -> None:
        self.model = model
        self.index = index

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__qualname__, [], {"model": self.model, "index": self.index}

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Nothing: the models' state does not hold it (see the module's docstring)."""

    def _model(self, state: ProjectState) -> Any:
        app, name = self.model.split(".")
        return state.apps.get_model(app, name)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(self._model(to_state), self.index)

    def database_backwards(self, app_label: str, schema_editor: Any, *states: Any) -> None:
        """Drop it again (from the state before the forwards step, `states[0]`)."""
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(self._model(states[0]), self.index)

    def describe(self) -> str:
        return f"Create index {self.index.name} on {self.model} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"pg_{self.index.name.lower()}"


class Trigrams(TrigramExtension):
    """pg_trgm on PostgreSQL. Django's own operation does nothing forwards on another
    database, but backwards it asks the database for pg_extension (SQLite has none)."""

    def database_backwards(self, app_label: str, schema_editor: Any, *states: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *states)


# The staff search's indexes (cases.search): each "contains" lookup it makes has one.
SEARCH_INDEXES: tuple[tuple[str, Index], ...] = (
    ("records.Property", trigram("property_address_trgm", "normalized_address", upper=False)),
    ("records.Party", trigram("party_name_trgm", "name", upper=True)),
    ("records.Party", trigram("party_phone_trgm", "phone", upper=False)),
    ("cases.Occupant", trigram("occupant_last_trgm", "last_name", upper=True)),
    ("cases.Occupant", trigram("occupant_first_trgm", "first_name", upper=True)),
    ("cases.InspectionRequest", trigram("request_phone_trgm", "contact_phone", upper=False)),
    ("auth.User", trigram("user_last_trgm", "last_name", upper=True)),
    ("auth.User", trigram("user_first_trgm", "first_name", upper=True)),
    ("auth.User", Index(Upper("email"), name="user_email_upper")),  # email__iexact
)


class AddPostgresStatistics(Operation):
    """Extended statistics (CREATE STATISTICS … (mcv)) on columns of `table` whose values go
    together, then ANALYZE so the planner has them at once; PostgreSQL only (Django has no
    operation for them). Without them PostgreSQL multiplies each column's share as if they
    were unrelated: it took the pending unassigned inspections for 390 rather than 9,900 and
    planned the ready-to-schedule queue as a walk of all of them (docs/benchmarks-pages.md)."""

    reversible = True

    def __init__(self, name: str, table: str, columns: list[str]) -> None:
        self.name = name
        self.table = table
        self.columns = columns

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"name": self.name, "table": self.table, "columns": self.columns}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Nothing: statistics are not part of the models."""

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *states: ProjectState
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            columns = ", ".join(quote(c) for c in self.columns)
            table = quote(self.table)
            schema_editor.execute(
                f"CREATE STATISTICS {quote(self.name)} (mcv) ON {columns} FROM {table}"
            )
            schema_editor.execute(f"ANALYZE {table}")

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *states: ProjectState
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP STATISTICS {schema_editor.quote_name(self.name)}")

    def describe(self) -> str:
        return f"Create statistics {self.name} on {self.table} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"pg_{self.name.lower()}"


# Columns whose values go together, for the planner (AddPostgresStatistics).
STATISTICS = (("inspection_result_inspector", "cases_inspection", ["result", "inspector_id"]),)


class CoveringIndex(Index):
    """An index whose non-key columns (`covering`, PostgreSQL's INCLUDE) are made where the
    database has covering indexes, and left out elsewhere: the same index Django's own
    `include=` makes on each database, without the warning (models.W040) that SQLite's
    `migrate` and `check` print for every model holding one."""

    def __init__(self, *, covering: tuple[str, ...] | list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.covering = tuple(covering)

    def deconstruct(self) -> tuple[str, Any, dict[str, Any]]:
        path, expressions, kwargs = super().deconstruct()
        return path, expressions, {**kwargs, "covering": self.covering}

    def create_sql(
        self, model: Any, schema_editor: BaseDatabaseSchemaEditor, using: str = "", **kwargs: Any
    ) -> Any:
        if not schema_editor.connection.features.supports_covering_indexes:
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        _, expressions, made = super().deconstruct()
        index = Index(*expressions, **made, include=self.covering)
        return index.create_sql(model, schema_editor, using=using, **kwargs)
