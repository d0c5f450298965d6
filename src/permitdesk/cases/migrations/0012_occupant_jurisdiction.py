"""Each occupant knows its case's jurisdiction (kept by cases.services.occupants), so the staff
search filters a name's trigram match by it as it reads (cases.search, decision record 0010).
Added empty and filled from each occupant's case here; 0013 makes it required (apart, so the
rows written here are checked before the column is altered, in a transaction of its own)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    """Every occupant takes its case's jurisdiction: one UPDATE over the table."""
    Application = apps.get_model("cases", "Application")
    Occupant = apps.get_model("cases", "Occupant")
    of_case = Application.objects.filter(pk=OuterRef("application_id")).values("jurisdiction_id")
    Occupant.objects.update(jurisdiction_id=Subquery(of_case[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_queue_covering_indexes"),
        ("records", "0002_phone_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="occupant",
            name="jurisdiction",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="records.jurisdiction",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
