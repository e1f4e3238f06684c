"""Writes of letter inquiries (函询): send, record the written reply, conclude."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from cadres.models import Cadre
from core.errors import RuleViolation
from core.models import User
from core.services import record_save
from oversight.choices import DisposalWay, InquiryState
from oversight.models import Complaint, LetterInquiry
from oversight.services.cases import require_discipline
from oversight.services.dates import not_before, not_in_future


def _check_complaint(complaint: Complaint, cadre: Cadre) -> None:
    complaint = Complaint.objects.get(pk=complaint.pk)
    if complaint.disposal_way != DisposalWay.TALK_INQUIRY:
        raise RuleViolation(
            "complaint",
            _("A letter inquiry follows a complaint disposed of by inquiry."),
            "not_a_talk_inquiry",
        )
    if not complaint.subjects.filter(pk=cadre.pk).exists():
        raise RuleViolation("cadre", _("The cadre is not named in the complaint."), "not_a_subject")


@transaction.atomic
def inquiry_send(
    *,
    cadre: Cadre,
    sent_on: datetime.date,
    letter: str,
    complaint: Complaint | None = None,
    acting_user: User,
) -> LetterInquiry:
    require_discipline(acting_user)
    not_in_future(sent_on, field="sent_on")
    if not letter.strip():
        raise RuleViolation("letter", _("Write the letter."), "required")
    if complaint is not None:
        _check_complaint(complaint, cadre)
    inquiry = LetterInquiry(
        cadre=cadre, complaint=complaint, sent_on=sent_on, letter=letter.strip(), sent_by=acting_user
    )
    return record_save(inquiry, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")


def _step(inquiry: LetterInquiry, state: str, day: datetime.date, *, after: str, field: str):
    inquiry = LetterInquiry.objects.select_for_update().select_related("cadre__unit").get(pk=inquiry.pk)
    if inquiry.state != state:
        raise RuleViolation(
            "state",
            _("This step is not possible while the inquiry is %(state)s.")
            % {"state": inquiry.get_state_display()},
            "step_out_of_order",
        )
    not_in_future(day, field=field)
    not_before(day, getattr(inquiry, after), field=field)
    return inquiry


@transaction.atomic
def inquiry_reply(
    *, inquiry: LetterInquiry, replied_on: datetime.date, reply: str, acting_user: User
) -> LetterInquiry:
    """The cadre's written reply (书面说明), as received."""
    require_discipline(acting_user)
    inquiry = _step(inquiry, InquiryState.SENT, replied_on, after="sent_on", field="replied_on")
    if not reply.strip():
        raise RuleViolation("reply", _("Record the reply."), "required")
    inquiry.state, inquiry.replied_on, inquiry.reply = InquiryState.REPLIED, replied_on, reply.strip()
    return record_save(inquiry, acting_user=acting_user, unit=inquiry.cadre.unit, scope_field="cadre")


@transaction.atomic
def inquiry_conclude(
    *, inquiry: LetterInquiry, concluded_on: datetime.date, conclusion: str, acting_user: User
) -> LetterInquiry:
    require_discipline(acting_user)
    inquiry = _step(inquiry, InquiryState.REPLIED, concluded_on, after="replied_on", field="concluded_on")
    if not conclusion.strip():
        raise RuleViolation("conclusion", _("Record the conclusion."), "required")
    inquiry.state, inquiry.concluded_on, inquiry.conclusion = (
        InquiryState.CONCLUDED,
        concluded_on,
        conclusion.strip(),
    )
    return record_save(inquiry, acting_user=acting_user, unit=inquiry.cadre.unit, scope_field="cadre")
