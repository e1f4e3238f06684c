"""The reporter's key is not SECRET_KEY, and rotating it keeps old rows readable."""

import io

from django.core.management import call_command
from django.db import connection

from core.ciphers import derive_keys
from oversight.models import Complaint
from tests.oversight.factories import REPORTER, complaint


def _raw_name(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_name FROM oversight_complaint WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _fields():
    return [
        Complaint._meta.get_field(name) for name in ("reporter_name", "reporter_phone", "reporter_address")
    ]


def _reset_keys():
    for field in _fields():
        field.__dict__.pop("keys", None)
        field.__dict__.pop("f", None)


def test_the_key_is_not_derived_from_secret_key(settings, tree):
    _reset_keys()
    field = _fields()[0]
    salts = settings.SALT_KEY
    assert field.keys == derive_keys(secrets=settings.FIELD_ENCRYPTION_KEYS, salts=salts)
    assert not set(field.keys) & set(derive_keys(secrets=[settings.SECRET_KEY], salts=salts))


def test_rotation_reads_old_rows_and_reencrypts_them(settings, tree):
    made = complaint(unit=tree.a)
    old = _raw_name(made.pk)
    try:
        settings.FIELD_ENCRYPTION_KEYS = ["a-new-key-for-the-rotation-test", *settings.FIELD_ENCRYPTION_KEYS]
        _reset_keys()
        assert Complaint.objects.get(pk=made.pk).reporter_name == REPORTER["name"]
        out = io.StringIO()
        call_command("reencrypt_reporters", stdout=out)
        assert "1 complaints" in out.getvalue() and _raw_name(made.pk) != old
        settings.FIELD_ENCRYPTION_KEYS = ["a-new-key-for-the-rotation-test"]
        _reset_keys()
        assert Complaint.objects.get(pk=made.pk).reporter_phone == REPORTER["phone"]
    finally:
        _reset_keys()
