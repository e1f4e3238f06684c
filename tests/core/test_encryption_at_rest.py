"""Cadres' ID numbers and family members are ciphertext in the database; the blind index keeps
search, import matching and uniqueness working; the cipher is pluggable (SM4) and keys rotate."""

import datetime
import io
import random

import pytest
from cryptography.fernet import InvalidToken
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from cadres.demo.people import fake_id_number
from cadres.models import Cadre, FamilyMember
from cadres.services import cadre_save
from core.actors import system_actor
from core.ciphers import Sm4Cipher, derive_keys, field_cipher
from core.constraints import model_validate
from core.encryption import reencrypt_table
from core.fields import blind_index
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
NUMBER = fake_id_number(rng=random.Random(7), birth=datetime.date(1975, 6, 15), gender="male")
FAMILY = [{"relation": "spouse", "name": "李娜", "political_status": "群众", "work_unit_post": "某中学教师"}]


def raw(sql: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a, id_number=NUMBER, family=FAMILY)


def test_a_raw_read_of_every_sensitive_column_shows_ciphertext(cadre):
    [(stored, index)] = raw("SELECT id_number, id_number_index FROM cadres_cadre WHERE id = %s", cadre.pk)
    assert stored.startswith("gAAAAA") and NUMBER not in stored
    assert index == blind_index(NUMBER) and len(index) == 64
    [(history,)] = raw("SELECT DISTINCT id_number FROM cadres_historicalcadre WHERE id = %s", cadre.pk)
    assert history.startswith("gAAAAA")
    for table in ("cadres_familymember", "cadres_historicalfamilymember"):
        sql = f"SELECT name, political_status, work_unit_post FROM {table} WHERE cadre_id = %s"  # noqa: S608
        for row in raw(sql, cadre.pk):
            assert all(v.startswith("gAAAAA") for v in row), row
            assert not {"李娜", "群众", "某中学教师"} & set(row)
    assert Cadre.objects.get(pk=cadre.pk).id_number == NUMBER
    assert FamilyMember.objects.get(cadre=cadre).work_unit_post == "某中学教师"


def test_search_by_the_full_number_finds_the_cadre_through_the_index(cadre, api, users):
    found = api(users.hr).get("/api/v1/cadres/", {"q": NUMBER.lower()}).json()["results"]
    assert [c["id"] for c in found] == [cadre.pk]
    assert list(Cadre.objects.filter(id_number=NUMBER)) == [cadre]
    assert not Cadre.objects.filter(id_number=NUMBER[:-4] + "0000").exists()


def test_a_duplicate_number_is_the_id_number_fields_error(cadre, tree):
    twin = Cadre(
        unit=tree.a, name="曾国华", gender="male", birth_date=datetime.date(1975, 6, 15), id_number=NUMBER
    )
    with pytest.raises(ValidationError) as exc:
        model_validate(twin, acting_user=system_actor())
    assert [e.code for e in exc.value.error_dict["id_number"]] == ["duplicate_id_number"]
    assert "信息工程学院" in exc.value.error_dict["id_number"][0].messages[0]


def test_other_lookups_on_a_ciphertext_are_refused():
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(Cadre.objects.filter(id_number__startswith="1101"))


def test_sm4_encrypts_when_chosen_and_fernet_rows_stay_readable(cadre, settings):
    settings.FIELD_ENCRYPTION_CIPHER = "sm4"
    other = CadreFactory(unit=cadre.unit, name="单雄")
    [(stored,)] = raw("SELECT id_number FROM cadres_cadre WHERE id = %s", other.pk)
    assert stored.startswith("sm4:")
    assert Cadre.objects.get(pk=other.pk).id_number == other.id_number
    assert Cadre.objects.get(pk=cadre.pk).id_number == NUMBER  # written with Fernet, read under SM4
    call_command("rotate_field_keys", stdout=io.StringIO())
    [(stored,)] = raw("SELECT id_number FROM cadres_cadre WHERE id = %s", cadre.pk)
    assert stored.startswith("sm4:")


def test_sm4_refuses_a_tampered_token_and_a_wrong_key():
    cipher = Sm4Cipher(derive_keys(secrets=["k1"], salts=["s"], length=48))
    token = cipher.encrypt(b"110101197506150011")
    assert cipher.decrypt(token) == b"110101197506150011"
    tampered = token[:-6] + (b"AAAAAA" if not token.endswith(b"AAAAAA") else b"BBBBBB")
    with pytest.raises(InvalidToken):
        cipher.decrypt(tampered)
    with pytest.raises(InvalidToken):
        Sm4Cipher(derive_keys(secrets=["k2"], salts=["s"], length=48)).decrypt(token)


def test_rotating_both_keys_reencrypts_and_reindexes(cadre, settings, api, users):
    [(before,)] = raw("SELECT id_number FROM cadres_cadre WHERE id = %s", cadre.pk)
    settings.FIELD_ENCRYPTION_KEYS = ["the-new-encryption-key", *settings.FIELD_ENCRYPTION_KEYS]
    settings.FIELD_INDEX_KEYS = ["the-new-index-key", *settings.FIELD_INDEX_KEYS]
    assert Cadre.objects.filter(id_number=NUMBER).exists()  # the old index still answers meanwhile
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "cadres.Cadre: 1 rows" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = ["the-new-encryption-key"]
    settings.FIELD_INDEX_KEYS = ["the-new-index-key"]
    [(after, index)] = raw("SELECT id_number, id_number_index FROM cadres_cadre WHERE id = %s", cadre.pk)
    assert after != before and field_cipher().decrypt(after.encode()) == NUMBER.encode()
    assert index == blind_index(NUMBER)
    assert [c["id"] for c in api(users.hr).get("/api/v1/cadres/", {"q": NUMBER}).json()["results"]] == [
        cadre.pk
    ]
    assert FamilyMember.objects.get(cadre=cadre).name == "李娜"


def test_a_rotation_that_cannot_open_a_row_changes_nothing(cadre, settings):
    [(before,)] = raw("SELECT id_number FROM cadres_cadre WHERE id = %s", cadre.pk)
    settings.FIELD_ENCRYPTION_KEYS = ["a-key-that-never-encrypted-anything"]
    with pytest.raises(CommandError, match="no key"):
        call_command("rotate_field_keys", stdout=io.StringIO())
    assert raw("SELECT id_number FROM cadres_cadre WHERE id = %s", cadre.pk) == [(before,)]


def test_the_way_back_decrypts_in_place_and_forward_encrypts_again(cadre):
    """What migration 0019 runs each way (README "Encryption at rest")."""
    reencrypt_table(Cadre, decrypt_only=True)
    reencrypt_table(FamilyMember, decrypt_only=True)
    assert raw("SELECT id_number, id_number_index FROM cadres_cadre WHERE id = %s", cadre.pk) == [
        (NUMBER, "")
    ]
    assert raw("SELECT name FROM cadres_familymember WHERE cadre_id = %s", cadre.pk) == [("李娜",)]
    reencrypt_table(Cadre, plaintext_ok=True)
    [(stored, index)] = raw("SELECT id_number, id_number_index FROM cadres_cadre WHERE id = %s", cadre.pk)
    assert stored.startswith("gAAAAA") and index == blind_index(NUMBER)


def test_the_list_decrypts_in_python_without_a_query_per_row(tree, api, users, django_assert_max_num_queries):
    for i in range(25):
        cadre_save(cadre=CadreFactory.build(unit=tree.a, name=f"干部{i}"), acting_user=system_actor())
    client = api(users.hr)
    client.get("/api/v1/cadres/")
    with django_assert_max_num_queries(12):
        rows = client.get("/api/v1/cadres/").json()["results"]
    assert len(rows) >= 20 and all(r["id_number"] and "*" not in r["id_number"] for r in rows)
