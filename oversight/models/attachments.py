"""Complaint attachments (举报材料): files that came with a complaint.

A file may name the reporter as surely as the reporter's fields do, so it is kept like them: the
bytes are encrypted with FIELD_ENCRYPTION_KEYS (oversight.fields.file_cipher) before they reach the
storage, under a random name in MEDIA_ROOT (never served as a URL); the original file name is an
encrypted column; the history keeps neither. The one way out is the scoped, logged download view
for discipline staff (oversight.views_attachments, the API's `attachments/{id}/`)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.fields import SecretCharField


def attachment_path(instance, filename: str) -> str:
    # The name says nothing about the file: its real name is the encrypted `name` column.
    return f"complaints/{uuid.uuid4().hex}.bin"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(
        "oversight.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("stored file (encrypted)"), upload_to=attachment_path, max_length=200)
    name = SecretCharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["name", "file"])

    scope_path = "complaint__unit__path"

    class Meta:
        verbose_name = _("complaint attachment")
        verbose_name_plural = _("complaint attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        # No file name: it may name the reporter, and this string reaches the read log's label.
        return f"#{self.complaint_id}/{self.pk}"
