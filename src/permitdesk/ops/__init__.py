"""Operations tools run from scripts/: backup and restore of the database and the uploads
(docs/operations.md#backups). They talk to PostgreSQL with its own tools (pg_dump,
pg_restore) and psycopg, and never through the models."""
