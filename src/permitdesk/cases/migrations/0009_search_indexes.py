"""The staff search's indexes (cases.search): pg_trgm and its trigram GIN indexes on PostgreSQL;
nothing on SQLite (cases.postgres_indexes says why they are not in the models' state)."""

from django.db import migrations

from permitdesk.cases.postgres_indexes import SEARCH_INDEXES, AddPostgresIndex, Trigrams


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("records", "0001_initial"),
        ("cases", "0008_queue_and_day_sheet_indexes"),
    ]

    operations = [
        Trigrams(),  # does nothing on a database other than PostgreSQL
        *(AddPostgresIndex(model, index) for model, index in SEARCH_INDEXES),
    ]
