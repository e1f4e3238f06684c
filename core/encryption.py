"""Re-encrypting the columns of core.fields, table by table, in raw SQL.

One pass reads each row's ciphertext, opens it with any key of either cipher, writes it again with
the current cipher and first key, and recomputes the blind indexes under the first index key.
Raw SQL, so the model's fields neither decrypt nor encrypt behind our back: a value that no key
opens stops the pass (instead of being encrypted a second time), and the same function serves the
migrations (`plaintext_ok`: rows written before encryption) and the way back (`decrypt_only`).
Used by `manage.py rotate_field_keys` and cadres' migration 0019.
"""

from django.db import connection

from core.ciphers import InvalidToken, field_cipher
from core.fields import BlindIndexField, SecretFieldMixin, blind_index

TOKEN_PREFIXES = ("gAAAAA", "sm4:")  # Fernet's version byte 0x80 in base64, and core.ciphers' SM4


class UnreadableValue(Exception):
    pass


def encrypted_models(models) -> list:
    return [m for m in models if _secret(m) or _indexes(m)]


def _secret(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, SecretFieldMixin)]


def _indexes(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]


def _open(value: str | None, *, plaintext_ok: bool, where: str) -> str | None:
    if not value:
        return value
    if not value.startswith(TOKEN_PREFIXES):
        if plaintext_ok:
            return value
        raise UnreadableValue(f"{where}: a value that is not a ciphertext")
    try:
        return field_cipher().decrypt(value.encode()).decode()
    except InvalidToken as exc:
        raise UnreadableValue(f"{where}: no key of FIELD_ENCRYPTION_KEYS opens it") from exc


def _seal(value: str | None, field, *, decrypt_only: bool) -> str | None:
    if not value:
        return None if field.null else ""
    return value if decrypt_only else field_cipher().encrypt(value.encode()).decode()


def reencrypt_table(
    model, *, plaintext_ok: bool = False, decrypt_only: bool = False, batch: int = 1000
) -> int:
    """Re-encrypt (or, `decrypt_only`, write back in clear) every row of `model`; the row count."""
    secret, indexes = _secret(model), _indexes(model)
    table, pk = model._meta.db_table, model._meta.pk.column
    q = connection.ops.quote_name
    columns = [f.column for f in secret]
    targets = columns + [f.column for f in indexes]
    # Only quoted names of our own models' tables and columns go into the text; values are parameters.
    select = (
        f"SELECT {q(pk)}, {', '.join(q(c) for c in columns)} FROM {q(table)}"  # noqa: S608
        f" WHERE {q(pk)} > %s ORDER BY {q(pk)} LIMIT %s"
    )
    update = f"UPDATE {q(table)} SET {', '.join(f'{q(c)} = %s' for c in targets)} WHERE {q(pk)} = %s"  # noqa: S608
    by_name = {f.name: i for i, f in enumerate(secret)}
    # Every pk here is an integer (an AutoField, or a history row's id): start below the smallest.
    done, last = 0, -(2**63)
    with connection.cursor() as cursor:
        while True:
            cursor.execute(select, [last, batch])
            rows = cursor.fetchall()
            if not rows:
                return done
            params = []
            for key, *values in rows:
                plain = [_open(v, plaintext_ok=plaintext_ok, where=f"{table}.{key}") for v in values]
                sealed = [_seal(v, f, decrypt_only=decrypt_only) for v, f in zip(plain, secret, strict=True)]
                index = ["" if decrypt_only else blind_index(plain[by_name[f.source]]) for f in indexes]
                params.append([*sealed, *index, key])
            cursor.executemany(update, params)
            done += len(rows)
            last = rows[-1][0]
