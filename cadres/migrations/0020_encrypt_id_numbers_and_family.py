"""Encrypt cadres' ID numbers and family members' details at rest, with a blind index for the ID.

Forward: the columns become text, every row (and history row) is encrypted with the first of
FIELD_ENCRYPTION_KEYS and the ID numbers' HMAC index is filled; the unique constraint moves to the
index. Backward (`migrate cadres 0018`, README "Encryption at rest"): the rows are decrypted in
place first, then the columns go back to varchar and the index is dropped.
"""

from django.db import migrations, models

import core.fields
from core.encryption import reencrypt_table

MODELS = ("cadre", "historicalcadre", "familymember", "historicalfamilymember")


def encrypt(apps, schema_editor):
    for name in MODELS:
        reencrypt_table(apps.get_model("cadres", name), plaintext_ok=True)


def decrypt(apps, schema_editor):
    for name in MODELS:
        reencrypt_table(apps.get_model("cadres", name), plaintext_ok=True, decrypt_only=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0019_computed_check_override"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="cadre",
            name="cadre_unique_id_number",
        ),
        migrations.AddField(
            model_name="cadre",
            name="id_number_index",
            field=core.fields.BlindIndexField(
                blank=True,
                default="",
                editable=False,
                max_length=64,
                source="id_number",
                verbose_name="ID number index",
            ),
        ),
        migrations.AlterField(
            model_name="cadre",
            name="id_number",
            field=core.fields.SecretCharField(blank=True, max_length=18, verbose_name="ID number"),
        ),
        migrations.AlterField(
            model_name="familymember",
            name="name",
            field=core.fields.SecretCharField(max_length=50, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="familymember",
            name="political_status",
            field=core.fields.SecretCharField(blank=True, max_length=30, verbose_name="political status"),
        ),
        migrations.AlterField(
            model_name="familymember",
            name="work_unit_post",
            field=core.fields.SecretCharField(blank=True, max_length=200, verbose_name="work unit and post"),
        ),
        migrations.AlterField(
            model_name="historicalcadre",
            name="id_number",
            field=core.fields.SecretCharField(blank=True, max_length=18, verbose_name="ID number"),
        ),
        migrations.AlterField(
            model_name="historicalfamilymember",
            name="name",
            field=core.fields.SecretCharField(max_length=50, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="historicalfamilymember",
            name="political_status",
            field=core.fields.SecretCharField(blank=True, max_length=30, verbose_name="political status"),
        ),
        migrations.AlterField(
            model_name="historicalfamilymember",
            name="work_unit_post",
            field=core.fields.SecretCharField(blank=True, max_length=200, verbose_name="work unit and post"),
        ),
        migrations.RunPython(encrypt, decrypt),
        migrations.AddConstraint(
            model_name="cadre",
            constraint=models.UniqueConstraint(
                condition=models.Q(("id_number_index", ""), _negated=True),
                fields=("id_number_index",),
                name="cadre_unique_id_number",
                violation_error_code="duplicate_id_number",
                violation_error_message="This ID number is used by another cadre.",
            ),
        ),
    ]
