"""The ciphers of the columns encrypted at rest (core.fields), chosen by FIELD_ENCRYPTION_CIPHER.

`fernet` (the default) is AES-128-CBC with HMAC-SHA256 (cryptography's Fernet, as
django-fernet-encrypted-fields writes it). `sm4` is for a site under a 商用密码 assessment:
SM4-CBC (GB/T 32907) with an HMAC-SM3 tag (GB/T 32905), both from cryptography. Either way the
keys are stretched from FIELD_ENCRYPTION_KEYS with PBKDF2-SHA256 and FIELD_ENCRYPTION_SALT, never
from SECRET_KEY. The first key encrypts; every key decrypts, and every cipher's tokens are read
whichever cipher writes, so switching cipher or key is: change the setting, restart, run
`manage.py rotate_field_keys`, then drop the old key.
"""

import base64
import functools
import hmac as std_hmac
import os
from typing import Protocol

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, hmac, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["CIPHERS", "FieldCipher", "InvalidToken", "derive_keys", "field_cipher"]

SM4_PREFIX = b"sm4:"


class FieldCipher(Protocol):
    def encrypt(self, data: bytes) -> bytes: ...

    def decrypt(self, token: bytes) -> bytes:
        """The plaintext, or InvalidToken when no key opens it."""


@functools.lru_cache(maxsize=32)
def _stretch(secret: str, salt: str, length: int) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=length, salt=salt.encode(), iterations=100_000)
    return kdf.derive(secret.encode())


def derive_keys(*, secrets: list[str], salts: list[str], length: int = 32) -> list[bytes]:
    """Every (key, salt) pair stretched, the first key with the first salt first."""
    return [_stretch(secret, salt, length) for secret in secrets for salt in salts]


class FernetCipher:
    def __init__(self, raw_keys: list[bytes]):
        self._f = MultiFernet([Fernet(base64.urlsafe_b64encode(k)) for k in raw_keys])

    def encrypt(self, data: bytes) -> bytes:
        return self._f.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        return self._f.decrypt(token)


class Sm4Cipher:
    """A token is `sm4:` + base64(iv ‖ SM4-CBC ciphertext ‖ HMAC-SM3(iv ‖ ciphertext)); each
    stretched key gives 16 bytes of SM4 key and 32 of MAC key."""

    def __init__(self, raw_keys: list[bytes]):
        self._keys = [(k[:16], k[16:48]) for k in raw_keys]

    @staticmethod
    def _tag(mac_key: bytes, body: bytes) -> bytes:
        h = hmac.HMAC(mac_key, hashes.SM3())
        h.update(body)
        return h.finalize()

    def encrypt(self, data: bytes) -> bytes:
        enc_key, mac_key = self._keys[0]
        iv = os.urandom(16)
        padder = padding.PKCS7(128).padder()
        padded = padder.update(data) + padder.finalize()
        encryptor = Cipher(algorithms.SM4(enc_key), modes.CBC(iv)).encryptor()
        body = iv + encryptor.update(padded) + encryptor.finalize()
        return SM4_PREFIX + base64.urlsafe_b64encode(body + self._tag(mac_key, body))

    def decrypt(self, token: bytes) -> bytes:
        if not token.startswith(SM4_PREFIX):
            raise InvalidToken
        try:
            raw = base64.urlsafe_b64decode(token[len(SM4_PREFIX) :])
        except ValueError as exc:
            raise InvalidToken from exc
        body, tag = raw[:-32], raw[-32:]
        if len(body) < 32 or (len(body) - 16) % 16:
            raise InvalidToken
        for enc_key, mac_key in self._keys:
            if not std_hmac.compare_digest(self._tag(mac_key, body), tag):
                continue
            decryptor = Cipher(algorithms.SM4(enc_key), modes.CBC(body[:16])).decryptor()
            padded = decryptor.update(body[16:]) + decryptor.finalize()
            unpadder = padding.PKCS7(128).unpadder()
            try:
                return unpadder.update(padded) + unpadder.finalize()
            except ValueError as exc:
                raise InvalidToken from exc
        raise InvalidToken


class ReadsEvery:
    """Writes with the chosen cipher, reads a token of either (a site that switched keeps its rows
    readable until `rotate_field_keys` has re-encrypted them). Each cipher's keys are stretched on
    its first use (PBKDF2: about a tenth of a second per key, once per process)."""

    def __init__(self, write: str, secrets: tuple[str, ...], salts: tuple[str, ...]):
        self._write = write
        self._secrets = list(secrets)
        self._salts = list(salts)
        self._ciphers: dict[str, FieldCipher] = {}

    def _get(self, name: str) -> FieldCipher:
        if name not in self._ciphers:
            cls, length = CIPHERS[name]
            self._ciphers[name] = cls(derive_keys(secrets=self._secrets, salts=self._salts, length=length))
        return self._ciphers[name]

    def encrypt(self, data: bytes) -> bytes:
        return self._get(self._write).encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        return self._get("sm4" if token.startswith(SM4_PREFIX) else "fernet").decrypt(token)


CIPHERS = {"fernet": (FernetCipher, 32), "sm4": (Sm4Cipher, 48)}


@functools.lru_cache(maxsize=8)
def _cipher(name: str, secrets: tuple[str, ...], salts: tuple[str, ...]) -> FieldCipher:
    if name not in CIPHERS:
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_CIPHER must be one of {', '.join(CIPHERS)}, not {name!r}"
        )
    if not secrets:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must name at least one key")
    return ReadsEvery(name, secrets, salts)


def field_cipher() -> FieldCipher:
    """The cipher the settings name, over their keys (cached per settings, so tests may override them)."""
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    return _cipher(
        getattr(settings, "FIELD_ENCRYPTION_CIPHER", "fernet"),
        tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS", [])),
        tuple(salts),
    )
