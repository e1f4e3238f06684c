"""Re-encrypt every column encrypted at rest and recompute every blind index (core.encryption).

Rotation (README "Encryption at rest"): put the new key first in FIELD_ENCRYPTION_KEYS (or
FIELD_INDEX_KEYS, or change FIELD_ENCRYPTION_CIPHER), keep the old encryption keys after it,
restart, run this command, then drop the old keys. History tables are re-encrypted too.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.encryption import UnreadableValue, encrypted_models, reencrypt_table


class Command(BaseCommand):
    help = (
        "Re-encrypt encrypted columns with the first FIELD_ENCRYPTION_KEYS key and recompute blind indexes."
    )

    def handle(self, *args, **options):
        total = 0
        try:
            # One transaction: a row no key opens stops the rotation with nothing half-done.
            with transaction.atomic():
                for model in encrypted_models(apps.get_models()):
                    count = reencrypt_table(model)
                    total += count
                    self.stdout.write(f"{model._meta.label}: {count} rows")
        except UnreadableValue as exc:
            raise CommandError(f"Nothing re-encrypted: {exc}") from exc
        self.stdout.write(f"{total} rows re-encrypted")
