"""Re-encrypt every complaint's reporter fields, and its attachments (their names and stored bytes),
with the first of FIELD_ENCRYPTION_KEYS.

Key rotation (README "Reporter encryption"): put the new key first in FIELD_ENCRYPTION_KEYS,
keep the old ones after it, restart, run this command, then drop the old keys.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from oversight.fields import file_cipher
from oversight.models import REPORTER_FIELDS, Complaint, ComplaintAttachment


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
        self.stdout.write(f"{self._attachments()} attachments re-encrypted")

    def _attachments(self) -> int:
        cipher, count = file_cipher(), 0
        with transaction.atomic():
            for attachment in ComplaintAttachment.objects.select_for_update().iterator():
                with attachment.file.open("rb") as handle:
                    sealed = cipher.encrypt(cipher.decrypt(handle.read()))
                old = attachment.file.name
                attachment.file.save("sealed.bin", ContentFile(sealed), save=False)
                ComplaintAttachment.objects.filter(pk=attachment.pk).update(
                    name=attachment.name, file=attachment.file.name
                )
                # The old copy goes once the new one is recorded; a failure before keeps both.
                transaction.on_commit(lambda name=old, storage=attachment.file.storage: storage.delete(name))
                count += 1
        return count
