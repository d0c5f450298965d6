"""The queues read their indexes alone: the case's (jurisdiction, status, submitted_at) index
with the id, the approvals' validity both ways round with the other column included, and the
planner told that an inspection's result and inspector go together (PostgreSQL only).
docs/benchmarks-pages.md has the figures."""

from django.conf import settings
from django.db import migrations, models

from permitdesk.cases.postgres_indexes import STATISTICS, AddPostgresStatistics


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0010_phone_search_indexes'),
        ('records', '0002_phone_search_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='cases_appli_jurisdi_507265_idx',
        ),
        migrations.RemoveIndex(
            model_name='approval',
            name='approval_valid_through',
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['jurisdiction', 'status', 'submitted_at', 'id'], name='case_queue'),
        ),
        migrations.AddIndex(
            model_name='approval',
            index=models.Index(fields=['valid_through'], include=('application',), name='approval_valid_through'),
        ),
        migrations.AddIndex(
            model_name='approval',
            index=models.Index(fields=['application'], include=('valid_through',), name='approval_case_validity'),
        ),
        *(AddPostgresStatistics(name, table, columns) for name, table, columns in STATISTICS),
    ]
