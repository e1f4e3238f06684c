"""Search keys: every one- and two-character piece of a cadre's name, a unit's name and a post's
title (GIN-indexed on PostgreSQL), filled for every existing row, with the pinyin keys of any
cadre that lacks them."""

from django.db import migrations, models

import cadres.models.search
from cadres.rules.pinyin import name_search_keys, substring_keys

BATCH = 2000
# (model, text field, keys field, index) of each GIN index; PostgreSQL only.
GIN_INDEXES = [
    ("cadres_cadre", "name_grams", "cadre_name_grams_gin"),
    ("cadres_orgunit", "name_grams", "orgunit_name_grams_gin"),
    ("cadres_post", "title_grams", "post_title_grams_gin"),
]


def _fill(model, *, text: str, keys: str, extra=None) -> None:
    fields = [keys, *(extra or {})]
    batch = []
    for row in model.objects.only("pk", text, *(extra or {})).iterator(BATCH):
        setattr(row, keys, substring_keys(text=getattr(row, text)))
        for name, derive in (extra or {}).items():
            if not getattr(row, name):
                setattr(row, name, derive(row))
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_update(batch, fields)
            batch = []
    model.objects.bulk_update(batch, fields)


def fill_search_keys(apps, schema_editor):
    pinyin = {
        "name_initials": lambda cadre: name_search_keys(name=cadre.name)[0],
        "name_pinyin": lambda cadre: name_search_keys(name=cadre.name)[1],
    }
    _fill(apps.get_model("cadres", "Cadre"), text="name", keys="name_grams", extra=pinyin)
    _fill(apps.get_model("cadres", "OrgUnit"), text="name", keys="name_grams")
    _fill(apps.get_model("cadres", "Post"), text="title", keys="title_grams")


def create_gin_indexes(apps, schema_editor):
    # PostgreSQL only: SQLite has no GIN, and its space-separated keys are scanned (a college).
    if schema_editor.connection.vendor == "postgresql":
        for table, column, index in GIN_INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin ({column})")


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _table, _column, index in GIN_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


def _keys_field(what: str):
    return cadres.models.search.SearchKeysField(
        default=list,
        editable=False,
        help_text=f"Every one- and two-character piece of the {what}, for the substring search.",
        verbose_name=f"{what} search keys",
    )


class Migration(migrations.Migration):
    dependencies = [("cadres", "0016_constraint_messages")]

    operations = [
        migrations.AddField(model_name="cadre", name="name_grams", field=_keys_field("name")),
        migrations.AddField(model_name="orgunit", name="name_grams", field=_keys_field("name")),
        migrations.AddField(model_name="post", name="title_grams", field=_keys_field("title")),
        migrations.AddIndex(
            model_name="cadre",
            index=models.Index(fields=["unit", "name", "id"], name="cadre_unit_name_id"),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
    ]
