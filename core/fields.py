"""Columns encrypted at rest, and the keyed blind index that lets one be matched exactly.

`SecretCharField` / `SecretTextField` (django-fernet-encrypted-fields) encrypt with the cipher of
core.ciphers (FIELD_ENCRYPTION_CIPHER: Fernet by default, SM4 possible) over keys stretched from
FIELD_ENCRYPTION_KEYS, never SECRET_KEY. A ciphertext is random, so such a column can be neither
searched nor unique: `BlindIndexField(source=...)` stores HMAC-SHA256 of the source's normalised
value under FIELD_INDEX_KEYS beside it, read from the source whenever that is loaded; lookups,
imports and the unique constraint use the index (`blind_indexes(value)` during a key rotation).
Rotation of either key: README "Encryption at rest", `manage.py rotate_field_keys`.
"""

import functools
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.db.models.expressions import Col
from django.db.models.lookups import In
from django.db.models.query_utils import DeferredAttribute
from encrypted_fields.fields import EncryptedCharField, EncryptedFieldMixin, EncryptedTextField

from core.ciphers import FieldCipher, derive_keys, field_cipher

__all__ = [
    "BlindIndexField",
    "SecretCharField",
    "SecretFieldMixin",
    "SecretTextField",
    "blind_index",
    "blind_indexes",
    "index_lookup",
    "secret_fields",
]


class SecretFieldMixin(EncryptedFieldMixin):
    # Set by a BlindIndexField naming this field as its source: exact and `in` lookups go there.
    blind_index_name: str | None = None

    def get_lookup(self, lookup_name):
        if lookup_name in ("exact", "iexact", "in") and self.blind_index_name:
            return IndexedIn if lookup_name == "in" else IndexedExact
        if lookup_name in ("exact", "isnull"):
            return super().get_lookup(lookup_name)
        # A ciphertext is random: any other comparison would silently match nothing.
        return None

    @property
    def f(self) -> FieldCipher:
        return field_cipher()

    @property
    def keys(self) -> list[bytes]:
        """The stretched keys (the library's would come from SECRET_KEY)."""
        return derive_keys(secrets=list(settings.FIELD_ENCRYPTION_KEYS), salts=_salts())

    def get_prep_value(self, value):
        # An empty value says nothing; a NOT NULL column keeps it as "" (the library writes NULL).
        if not value and not self.null:
            return ""
        return super().get_prep_value(value)


class SecretCharField(SecretFieldMixin, EncryptedCharField):
    pass


class SecretTextField(SecretFieldMixin, EncryptedTextField):
    pass


def _salts() -> list[str]:
    return settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]


def secret_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, SecretFieldMixin)]


def _index_keys() -> list[str]:
    keys = list(getattr(settings, "FIELD_INDEX_KEYS", []))
    if not keys:
        raise ImproperlyConfigured("FIELD_INDEX_KEYS must name at least one key")
    return keys


def normalise(value: str) -> str:
    return value.strip().upper()


@functools.lru_cache(maxsize=4096)
def _digest(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def blind_index(value: str | None) -> str:
    """The index of `value` under the current (first) key; "" for an empty value."""
    value = normalise(value or "")
    return _digest(_index_keys()[0], value) if value else ""


def blind_indexes(value: str | None) -> list[str]:
    """The index under every key: a lookup with `__in` still finds rows during a key rotation."""
    value = normalise(value or "")
    return [_digest(key, value) for key in _index_keys()] if value else []


def index_lookup(name: str, values) -> Q:
    """Rows whose index `name` matches one of `values` under any key. The explicit "not empty"
    repeats the unique constraint's condition, so PostgreSQL uses its partial index for long lists."""
    digests = [d for value in values for d in blind_indexes(value)]
    return Q(**{f"{name}__in": digests}) & ~Q(**{name: ""})


class IndexedIn(In):
    """`secret__in=[...]` as `index__in=[the values' digests under every key]`."""

    prepare_rhs = False

    def __init__(self, lhs, rhs):
        index = lhs.output_field.model._meta.get_field(lhs.output_field.blind_index_name)
        digests = (
            [d for value in rhs for d in blind_indexes(value)]
            if not hasattr(rhs, "resolve_expression")
            else rhs
        )
        super().__init__(Col(lhs.alias, index, index), digests)


class IndexedExact(IndexedIn):
    def __init__(self, lhs, rhs):
        if rhs in ("", None):
            index = lhs.output_field.model._meta.get_field(lhs.output_field.blind_index_name)
            In.__init__(self, Col(lhs.alias, index, index), [""])
        else:
            super().__init__(lhs, [rhs])


class _IndexAttribute(DeferredAttribute):
    """The index reads as the digest of the source's current value whenever that is loaded, so
    validation (the unique constraint), save, bulk_create and bulk_update never see a stale one."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        source = instance.__dict__.get(self.field.source)
        if isinstance(source, str):
            return blind_index(source)
        return super().__get__(instance, cls)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class BlindIndexField(models.CharField):
    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, _IndexAttribute(self))
        # _meta.get_field would cache a field map of the half-built class. The source usually comes
        # first; where it comes later (SQLite's table remake puts an altered field last), link them
        # once the class is complete.
        source = next((f for f in cls._meta.local_fields if f.name == self.source), None)
        if source is not None:
            source.blind_index_name = self.name
            return

        def link(sender, **kwargs):
            if sender is cls:
                sender._meta.get_field(self.source).blind_index_name = self.name
                models.signals.class_prepared.disconnect(link)

        models.signals.class_prepared.connect(link, weak=False)
