"""Backups that restore: a dump of the database restored into an empty database holds the same
rows in every business table, and the media backup restores the photos."""

import hashlib
import uuid

import psycopg
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections

from tests.factories import AppointmentFactory, CadreFactory, PostFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")

BUSINESS_APPS = ("core", "cadres", "appraisal", "oversight", "training")


def _business_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in BUSINESS_APPS and model._meta.managed
    )


def _fingerprint(cursor) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row's text, in a fixed order, per table."""
    figures = {}
    for table in _business_tables():
        rows = "string_agg(t::text, E'\\n' ORDER BY t::text)"
        # The table names come from our models' metadata, not from input.
        query = f"SELECT count(*), md5(coalesce({rows}, '')) FROM {connection.ops.quote_name(table)} t"  # noqa: S608
        cursor.execute(query)
        figures[table] = tuple(cursor.fetchone())
    return figures


def _conninfo(database: dict) -> dict:
    return {
        "dbname": database["NAME"],
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
        "host": database["HOST"],
        "port": database["PORT"] or None,
    }


@pytest.fixture
def empty_database(settings):
    name = f"cadre_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    target = {**connections["default"].settings_dict, "NAME": name}
    settings.DATABASES = {**settings.DATABASES, "restored": target}  # dbrestore checks its --database here
    connections.settings["restored"] = target
    yield "restored"
    del connections.settings["restored"]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# pg_dump sees committed rows only; serialized_rollback puts the migrations' rows (post levels,
# roles) back after the flush, for the transactional tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_a_database_backup_restores_every_business_table(tmp_path, settings, tree, users, empty_database):
    cadre = CadreFactory(unit=tree.a, name="向英")
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="院长"))
    dump = tmp_path / "cadre.psql.bin"
    call_command("dbbackup", "--noinput", "--quiet", "--output-path", str(dump))
    assert dump.stat().st_size > 0
    call_command("dbrestore", "--noinput", "--quiet", "--database", empty_database, "--input-path", str(dump))
    with connection.cursor() as cursor:
        source = _fingerprint(cursor)
    with psycopg.connect(**_conninfo(settings.DATABASES[empty_database])) as restored_db:
        restored = _fingerprint(restored_db.cursor())
    assert source["cadres_cadre"][0] >= 1
    assert source["core_user"][0] >= 5
    assert restored == source


@pytest.mark.django_db
def test_a_media_backup_restores_the_photos(tmp_path, settings, tree):
    settings.MEDIA_ROOT = tmp_path / "media"
    cadre = CadreFactory(unit=tree.a)
    cadre.photo.save("p.jpg", ContentFile(b"\xff\xd8photo"), save=True)
    digest = hashlib.sha256(cadre.photo.read()).hexdigest()
    archive = tmp_path / "media.tar"
    call_command("mediabackup", "--noinput", "--quiet", "--output-path", str(archive))
    settings.MEDIA_ROOT = tmp_path / "elsewhere"
    call_command("mediarestore", "--noinput", "--quiet", "--input-path", str(archive))
    restored = (tmp_path / "elsewhere" / cadre.photo.name).read_bytes()
    assert hashlib.sha256(restored).hexdigest() == digest
