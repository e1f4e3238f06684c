from django.db import migrations, models

# The 党章's standing for members of a Party committee at each tier, as defaults an
# administrator edits in admin (copied here so the migration does not change with the code).
PARTY_STANDING_YEARS = {"college": 5, "middle": 3}


def seed_party_standing(apps, schema_editor):
    PostLevel = apps.get_model("cadres", "PostLevel")
    for tier, years in PARTY_STANDING_YEARS.items():
        PostLevel.objects.filter(tier=tier, party_standing_years__isnull=True).update(
            party_standing_years=years
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0010_exceptional_promotion"),
    ]

    operations = [
        migrations.AddField(
            model_name="familymember",
            name="settled_abroad",
            field=models.BooleanField(
                default=False,
                help_text="Has settled outside the mainland (emigrated, or holds permanent residence there).",
                verbose_name="settled abroad",
            ),
        ),
        migrations.AddField(
            model_name="historicalfamilymember",
            name="settled_abroad",
            field=models.BooleanField(
                default=False,
                help_text="Has settled outside the mainland (emigrated, or holds permanent residence there).",
                verbose_name="settled abroad",
            ),
        ),
        migrations.AddField(
            model_name="historicalpostlevel",
            name="party_standing_years",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Years of full party membership a party post of this level needs; empty for none.",
                null=True,
                verbose_name="party standing required (years)",
            ),
        ),
        migrations.AddField(
            model_name="postlevel",
            name="party_standing_years",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Years of full party membership a party post of this level needs; empty for none.",
                null=True,
                verbose_name="party standing required (years)",
            ),
        ),
        migrations.RunPython(seed_party_standing, migrations.RunPython.noop),
    ]
