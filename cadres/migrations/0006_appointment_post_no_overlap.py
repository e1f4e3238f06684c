"""A post is one seat: PostgreSQL refuses two appointments to one post whose periods overlap.

SQLite (the quick start) has no exclusion constraints; there the service's check is the guard.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE cadres_appointment ADD CONSTRAINT appointment_post_no_overlap
    EXCLUDE USING gist (post_id WITH =, daterange(start_date, end_date, '[)') WITH &&);
"""
DROP = "ALTER TABLE cadres_appointment DROP CONSTRAINT IF EXISTS appointment_post_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cadres", "0005_cadre_record_and_appointments")]
    operations = [migrations.RunPython(forwards, backwards)]
