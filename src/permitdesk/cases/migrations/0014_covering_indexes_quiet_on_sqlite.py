"""The four covering indexes become CoveringIndex (cases.postgres_indexes): the same index on
each database (INCLUDE on PostgreSQL, the key columns alone on SQLite), without the warning
(models.W040) SQLite's migrate printed for Django's include=. Nothing changes in a database:
only the models' state does."""

from django.db import migrations

from permitdesk.cases.postgres_indexes import CoveringIndex

# (model, name, key columns, non-key columns)
COVERING = (
    ("application", "case_applicant_list", ["applicant", "submitted_at", "id"], ("jurisdiction",)),
    ("application", "case_unit", ["unit", "jurisdiction"], ("id",)),
    ("approval", "approval_valid_through", ["valid_through"], ("application",)),
    ("approval", "approval_case_validity", ["application"], ("valid_through",)),
)


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_search_probe_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                op
                for model, name, fields, covering in COVERING
                for op in (
                    migrations.RemoveIndex(model_name=model, name=name),
                    migrations.AddIndex(
                        model_name=model,
                        index=CoveringIndex(fields=fields, covering=covering, name=name),
                    ),
                )
            ],
            database_operations=[],
        )
    ]
