"""The encrypted field types, now shared from core.fields (kept importable here for the migrations
and the complaint model that name them)."""

from core.fields import SecretCharField, SecretFieldMixin, SecretTextField

__all__ = ["SecretCharField", "SecretFieldMixin", "SecretTextField"]
