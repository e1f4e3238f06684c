from django.db import migrations

# Default figures (影响期, months) from the national regulations; administrators edit them in admin.
DEFAULTS = [
    ("admonishment", 6, None),
    ("party_warning", 12, None),
    ("party_serious_warning", 18, None),
    ("party_post_removal", 24, None),
    ("gov_warning", 6, None),
    ("gov_demerit", 12, None),
    ("gov_major_demerit", 18, None),
    ("gov_demotion", 24, None),
    ("gov_dismissal", 24, None),
    ("post_grade_lowering", 24, None),
    ("transfer", 12, None),
    ("ordered_resignation", 12, 24),
    ("removal", 12, 24),
    ("demotion", 24, None),
]


def seed(apps, schema_editor):
    EffectPeriod = apps.get_model("oversight", "EffectPeriod")
    for kind, months, higher in DEFAULTS:
        EffectPeriod.objects.get_or_create(
            kind=kind, defaults={"months": months, "no_higher_post_months": higher}
        )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
