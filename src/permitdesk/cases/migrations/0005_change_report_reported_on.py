"""ChangeOfOccupancyReport.reported_on: the day a report was made in its jurisdiction's zone
(lateness compared the UTC date before: an evening report on the last day read as late)."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import local


def fill_reported_on(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    reports = apps.get_model("cases", "ChangeOfOccupancyReport")
    batch = []
    for report in reports.objects.select_related("unit__property__jurisdiction").iterator(
        chunk_size=2000
    ):
        pack = get_pack(report.unit.property.jurisdiction.slug)
        report.reported_on = local(pack, report.reported_at).date()
        batch.append(report)
        if len(batch) == 2000:
            reports.objects.bulk_update(batch, ["reported_on"])
            batch = []
    reports.objects.bulk_update(batch, ["reported_on"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_stored_balance_and_deposit_payments")]

    operations = [
        migrations.AddField(
            model_name="changeofoccupancyreport",
            name="reported_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(fill_reported_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="changeofoccupancyreport",
            name="reported_on",
            field=models.DateField(help_text="the day it was made, in the jurisdiction's zone"),
        ),
    ]
