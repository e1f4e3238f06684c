from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("cadres", "SelectionSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("cadres", "0007_selection_workflow")]
    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
