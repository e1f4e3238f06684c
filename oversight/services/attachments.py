"""Writes and the one read of complaint attachments: the bytes are encrypted before they are
stored (oversight.models.attachments), and every download is a read-log row."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.actors import is_system_actor
from core.errors import RuleViolation
from core.models import ReadChannel, ReadKind, User
from core.readlog import read_log
from core.scope import ensure_unit_in_scope
from core.visibility import COMPLAINTS, may_see
from oversight.fields import file_cipher
from oversight.models import Complaint, ComplaintAttachment
from oversight.rules.attachments import attachment_problem, attachment_type

MESSAGES = {
    "bad_file_type": gettext_lazy("This kind of file is not accepted; accepted: %(limit)s."),
    "empty_file": gettext_lazy("The file is empty."),
    "too_large": gettext_lazy("A file may be at most %(limit)s MB."),
    "too_many_files": gettext_lazy("A complaint keeps at most %(limit)s files."),
}


def _clean_name(name: str) -> str:
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200]


def attachment_check(*, upload: UploadedFile, existing: int) -> None:
    """Refuse a file the rules do not accept, on the `files` field."""
    problem = attachment_problem(name=_clean_name(upload.name), size=upload.size or 0, existing=existing)
    if problem:
        raise RuleViolation("files", str(MESSAGES[problem.code]) % {"limit": problem.limit}, problem.code)


def attachment_store(*, complaint: Complaint, upload: UploadedFile, acting_user: User) -> ComplaintAttachment:
    """Encrypt and keep one file of a complaint. The caller has checked who may attach it and
    holds the transaction (complaint_attachment_add, the online filing)."""
    attachment_check(upload=upload, existing=complaint.attachments.count())
    name = _clean_name(upload.name)
    sealed = file_cipher().encrypt(b"".join(upload.chunks()))
    attachment = ComplaintAttachment(
        complaint=complaint,
        name=name,
        content_type=attachment_type(name=name),
        size=upload.size,
        uploaded_by=acting_user,
    )
    attachment.file.save("sealed.bin", ContentFile(sealed), save=False)
    # A transaction rolled back later leaves the sealed file without a row: unreadable without
    # the keys, and nothing links it to a complaint.
    attachment._history_user = acting_user
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def _require_staff(user: User, complaint: Complaint) -> None:
    if is_system_actor(user):  # seeding and jobs
        return
    if not may_see(user, COMPLAINTS) or complaint.recused.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Only discipline staff handle complaints."))
    ensure_unit_in_scope(user, complaint.unit, field="unit")


@transaction.atomic
def complaint_attachment_add(
    *, complaint: Complaint, uploads: list[UploadedFile], acting_user: User
) -> list[ComplaintAttachment]:
    """Attach files to a complaint (discipline staff in whose scope it is, not recused from it)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)  # the count of files
    _require_staff(acting_user, complaint)
    if not uploads:
        raise RuleViolation("files", _("Choose a file."), "required")
    return [attachment_store(complaint=complaint, upload=u, acting_user=acting_user) for u in uploads]


@dataclass(frozen=True)
class OpenedAttachment:
    name: str
    content_type: str
    content: bytes


@transaction.atomic
def attachment_open(
    *, attachment: ComplaintAttachment, channel: ReadChannel, request: HttpRequest | None, acting_user: User
) -> OpenedAttachment:
    """The decrypted file for discipline staff, the read recorded (who, when, which file)."""
    _require_staff(acting_user, attachment.complaint)
    with attachment.file.open("rb") as handle:
        content = file_cipher().decrypt(handle.read())
    read_log(
        user=acting_user,
        kind=ReadKind.COMPLAINT,
        channel=channel,
        record=attachment.complaint,
        detail=f"attachment {attachment.pk}",
        request=request,
    )
    return OpenedAttachment(attachment.name, attachment.content_type, content)
