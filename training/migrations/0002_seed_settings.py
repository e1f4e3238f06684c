"""The training figures move here from the selection settings (one place), and the source
kinds get their default "counts toward" flags. Runs before cadres drops the old columns."""

from django.db import migrations

from training.choices import DEFAULT_CREDITS


def seed(apps, schema_editor):
    TrainingSettings = apps.get_model("training", "TrainingSettings")
    SourceCredit = apps.get_model("training", "SourceCredit")
    SelectionSettings = apps.get_model("cadres", "SelectionSettings")
    old = SelectionSettings.objects.filter(pk=1).first()
    figures = {}
    if old is not None:
        figures = {
            "year_hours": old.training_hours_per_year,
            "five_year_hours": old.training_hours_five_years,
        }
    TrainingSettings.objects.get_or_create(pk=1, defaults=figures)
    for source, (year, five) in DEFAULT_CREDITS.items():
        SourceCredit.objects.get_or_create(
            source=source, defaults={"counts_toward_year": year, "counts_toward_five_year": five}
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial"), ("cadres", "0013_cadre_unit_follows_appointment")]
    run_before = [("cadres", "0018_training_hooks")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
