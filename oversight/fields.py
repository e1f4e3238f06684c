"""The encrypted field types, now shared from core.fields (kept importable here for the migrations
and the complaint model that name them), and the cipher of the complaint attachments' files."""

from core.ciphers import FieldCipher, field_cipher
from core.fields import SecretCharField, SecretFieldMixin, SecretTextField

__all__ = ["SecretCharField", "SecretFieldMixin", "SecretTextField", "file_cipher"]


def file_cipher() -> FieldCipher:
    """Bytes kept outside a column (complaint attachments, oversight.models.attachments), sealed
    with the cipher and keys of the encrypted columns: the first key encrypts, every key decrypts."""
    return field_cipher()
