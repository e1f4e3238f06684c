"""Repair today's rows: a cadre's unit is the unit of his open primary appointment's post."""

import datetime

from django.db import migrations


def unit_follows_primary(apps, schema_editor):
    Appointment = apps.get_model("cadres", "Appointment")
    Cadre = apps.get_model("cadres", "Cadre")
    today = datetime.date.today()
    open_primary = Appointment.objects.filter(
        is_primary=True, end_date__isnull=True, start_date__lte=today
    ).select_related("post", "cadre")
    for appointment in open_primary:
        if appointment.cadre.unit_id != appointment.post.unit_id:
            Cadre.objects.filter(pk=appointment.cadre_id).update(unit_id=appointment.post.unit_id)


class Migration(migrations.Migration):
    dependencies = [("cadres", "0014_selection_form_texts")]

    operations = [migrations.RunPython(unit_follows_primary, migrations.RunPython.noop)]
