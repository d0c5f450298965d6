"""The occupant's jurisdiction required (0012 filled it), and the staff search's probes read
indexes alone: an applicant's cases with their jurisdiction (case_applicant_list now includes
it), a unit's cases with theirs (case_unit). docs/benchmarks-pages.md has the figures."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_occupant_jurisdiction"),
        ("records", "0002_phone_search_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="occupant",
            name="jurisdiction",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="records.jurisdiction",
            ),
        ),
        migrations.RemoveIndex(model_name="application", name="case_applicant_list"),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["applicant", "submitted_at", "id"],
                include=("jurisdiction",),
                name="case_applicant_list",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["unit", "jurisdiction"], include=("id",), name="case_unit"),
        ),
    ]
