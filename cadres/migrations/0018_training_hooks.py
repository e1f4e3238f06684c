"""Training hooks: the training figures leave the selection settings for training's own row
(training 0002 copies them first), and a unit records when it was established (the monthly study
is owed from its first full month)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0017_search_keys"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalselectionsettings",
            name="training_hours_five_years",
        ),
        migrations.RemoveField(
            model_name="historicalselectionsettings",
            name="training_hours_per_year",
        ),
        migrations.RemoveField(
            model_name="selectionsettings",
            name="training_hours_five_years",
        ),
        migrations.RemoveField(
            model_name="selectionsettings",
            name="training_hours_per_year",
        ),
        migrations.AddField(
            model_name="historicalorgunit",
            name="established_on",
            field=models.DateField(
                blank=True,
                help_text="Empty: before the records began. A unit owes a monthly study from its first full month.",
                null=True,
                verbose_name="established on",
            ),
        ),
        migrations.AddField(
            model_name="orgunit",
            name="established_on",
            field=models.DateField(
                blank=True,
                help_text="Empty: before the records began. A unit owes a monthly study from its first full month.",
                null=True,
                verbose_name="established on",
            ),
        ),
    ]
