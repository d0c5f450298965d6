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
