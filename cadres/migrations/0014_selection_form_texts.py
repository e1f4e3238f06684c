from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cadres", "0012_party_standing_and_family_abroad")]

    operations = [
        migrations.AddField(
            model_name=model,
            name=name,
            field=field,
        )
        for model in ("selectioncandidate", "historicalselectioncandidate")
        for name, field in (
            ("proposed_post", models.CharField(blank=True, max_length=200, verbose_name="proposed post")),
            (
                "proposed_removal",
                models.CharField(blank=True, max_length=200, verbose_name="proposed removal"),
            ),
            ("appointment_reason", models.TextField(blank=True, verbose_name="appointment reason")),
        )
    ]
