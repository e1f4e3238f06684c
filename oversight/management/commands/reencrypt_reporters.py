"""Re-encrypt every complaint's reporter fields with the first of FIELD_ENCRYPTION_KEYS.

Key rotation (README "Reporter encryption"): put the new key first in FIELD_ENCRYPTION_KEYS,
keep the old ones after it, restart, run this command, then drop the old keys.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from oversight.models import REPORTER_FIELDS, Complaint


class Command(BaseCommand):
    help = "Re-encrypt complaint reporters' identities with the newest FIELD_ENCRYPTION_KEYS key."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            # Reading decrypts with any key; saving encrypts with the first. The history keeps no
            # reporter column, so a plain save of these columns is all (no history row is needed).
            for complaint in Complaint.objects.select_for_update().only("pk", *REPORTER_FIELDS).iterator():
                Complaint.objects.filter(pk=complaint.pk).update(
                    **{name: getattr(complaint, name) for name in REPORTER_FIELDS}
                )
                count += 1
        self.stdout.write(f"{count} complaints re-encrypted")
