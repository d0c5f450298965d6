from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_report_names_its_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="violation",
            name="checklist_item",
            field=models.CharField(
                blank=True,
                help_text="the checklist row it fails: its key in Inspection.checklist, e.g. "
                "'bedroom-area.2'; blank for a violation found apart from the checklist",
                max_length=80,
            ),
        ),
    ]
