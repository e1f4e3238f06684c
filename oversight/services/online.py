"""网上举报: a complaint filed by the public, without an account.

It is written as the public actor (core.actors), dated today, on the `online` channel, with the
query code returned once to the reporter. The reporter names the cadres in words (the public
cannot pick from the cadre records); discipline staff link them later (complaint_subjects_set).
"""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import OrgUnit
from core.actors import PUBLIC_USERNAME
from core.errors import RuleViolation
from core.models import User
from core.services import record_save
from oversight.choices import ComplaintChannel
from oversight.models import Complaint
from oversight.rules.attachments import MAX_ATTACHMENTS
from oversight.services.attachments import attachment_check, attachment_store
from oversight.services.complaints import Reporter, check_reporter, complaint_new

MAX_ONLINE_FILES = 5


def _content(named: str, content: str) -> str:
    named = named.strip()
    return (
        _("Cadres named by the reporter: %(names)s") % {"names": named} + "\n\n" + content
        if named
        else content
    )


@transaction.atomic
def complaint_file_online(
    *,
    unit: OrgUnit,
    category: str,
    named: str,
    content: str,
    reporter: Reporter,
    uploads: list[UploadedFile],
    acting_user: User,
) -> tuple[Complaint, str]:
    """File a complaint from the public page; returns (complaint, query code)."""
    if acting_user.username != PUBLIC_USERNAME or acting_user.is_active:
        raise PermissionDenied(_("Online complaints are filed by the public actor."))
    if not content.strip():
        raise RuleViolation("content", _("Describe what you are reporting."), "required")
    if not unit.active:
        raise RuleViolation("unit", _("Choose a unit."), "invalid_choice")
    check_reporter(reporter)
    if len(uploads) > min(MAX_ONLINE_FILES, MAX_ATTACHMENTS):
        raise RuleViolation(
            "files",
            _("At most %(n)s files.") % {"n": min(MAX_ONLINE_FILES, MAX_ATTACHMENTS)},
            "too_many_files",
        )
    for upload in uploads:
        attachment_check(upload=upload, existing=0)
    complaint, code = complaint_new(
        unit=unit,
        channel=ComplaintChannel.ONLINE,
        received_on=timezone.localdate(),
        category=category,
        content=_content(named, content.strip()),
        reporter=reporter,
        acting_user=acting_user,
    )
    # The public has no data scope: any active unit may be complained about.
    record_save(complaint, acting_user=acting_user, unit=None)
    for upload in uploads:
        attachment_store(complaint=complaint, upload=upload, acting_user=acting_user)
    return complaint, code
