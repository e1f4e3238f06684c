from django.db import migrations

LEVELS = [
    ("college_principal", "校级正职", 10, "college", True),
    ("college_deputy", "校级副职", 20, "college", False),
    ("middle_principal", "中层正职", 30, "middle", True),
    ("middle_deputy", "中层副职", 40, "middle", False),
    ("section", "科级", 50, "section", True),
]


def seed_levels(apps, schema_editor):
    PostLevel = apps.get_model("cadres", "PostLevel")
    for code, name, rank, tier, is_principal in LEVELS:
        PostLevel.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "tier": tier, "is_principal": is_principal}
        )


class Migration(migrations.Migration):
    dependencies = [("cadres", "0002_initial")]
    operations = [migrations.RunPython(seed_levels, migrations.RunPython.noop)]
