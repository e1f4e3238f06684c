"""Model fields encrypted at rest with keys of their own (django-fernet-encrypted-fields).

The library derives its Fernet keys from SECRET_KEY (and SECRET_KEY_FALLBACKS) with SALT_KEY.
A reporter's identity must not hang on the key that signs sessions, so these fields derive
theirs from FIELD_ENCRYPTION_KEYS instead, the same way (PBKDF2-SHA256 with SALT_KEY):
the first key encrypts, every key decrypts, so a new key is put first, the rows are re-saved
(`manage.py reencrypt_reporters`) and the old key is then dropped. README: "Reporter encryption".
"""

import base64
import functools

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import cached_property
from encrypted_fields.fields import EncryptedCharField, EncryptedFieldMixin, EncryptedTextField


def derive_keys(*, secrets: list[str], salts: list[str]) -> list[bytes]:
    keys = []
    for secret in secrets:
        for salt in salts:
            kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=100_000)
            keys.append(base64.urlsafe_b64encode(kdf.derive(secret.encode())))
    return keys


def own_keys() -> list[bytes]:
    """The Fernet keys of FIELD_ENCRYPTION_KEYS and the salts, newest first."""
    secrets = list(getattr(settings, "FIELD_ENCRYPTION_KEYS", []))
    if not secrets:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must name at least one key")
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    return list(_derived(tuple(secrets), tuple(salts)))


@functools.lru_cache(maxsize=8)
def _derived(secrets: tuple[str, ...], salts: tuple[str, ...]) -> tuple[bytes, ...]:
    # PBKDF2 is slow on purpose; a changed key list (rotation) is a new cache entry.
    return tuple(derive_keys(secrets=list(secrets), salts=list(salts)))


def own_fernet() -> MultiFernet:
    """The same keys for content kept outside a column (complaint attachments, oversight.models.attachments):
    the first encrypts, every one decrypts, `rotate` re-encrypts with the first."""
    return MultiFernet([Fernet(k) for k in own_keys()])


class OwnKeyMixin(EncryptedFieldMixin):
    @cached_property
    def keys(self) -> list[bytes]:
        return own_keys()

    @cached_property
    def f(self) -> Fernet | MultiFernet:
        return MultiFernet([Fernet(k) for k in self.keys])


class SecretCharField(OwnKeyMixin, EncryptedCharField):
    pass


class SecretTextField(OwnKeyMixin, EncryptedTextField):
    pass
