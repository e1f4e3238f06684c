"""Writes of private travel abroad (因私出国(境)): papers taken into custody, lent for an approved
trip and returned, the registration of a new middle-level cadre (made by the appointment through
cadres.registry.AppointmentHook), and trip requests along the configured approval chain."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Appointment, Cadre
from core.errors import RuleViolation
from core.models import User
from core.services import history_save, record_save
from oversight.choices import ApprovalDecision, TripStage, TripState
from oversight.models import DocumentLoan, ExitRegistration, TravelDocument, TripApproval, TripRequest
from oversight.rules.musts import loan_due_back, next_stage
from oversight.selectors.musts import MIDDLE_AND_ABOVE, musts_settings


def _not_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleViolation(field, _("The day cannot be in the future."), "in_future")


@transaction.atomic
def document_save(*, document: TravelDocument, acting_user: User) -> TravelDocument:
    """Take a passport or permit into custody (or correct its entry); an open registration of the
    cadre counts the papers as handed in."""
    _not_future(document.received_on, "received_on")
    cadre = Cadre.objects.select_related("unit").get(pk=document.cadre_id)
    record_save(document, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")
    for registration in ExitRegistration.objects.filter(
        cadre=cadre, ended_on__isnull=True, papers_handed_in__isnull=True
    ):
        registration.papers_handed_in = document.received_on
        history_save(registration, acting_user=acting_user, update_fields=["papers_handed_in"])
    return document


@transaction.atomic
def document_lend(
    *,
    document: TravelDocument,
    lent_on: datetime.date,
    acting_user: User,
    trip: TripRequest | None = None,
    trip_ends: datetime.date | None = None,
) -> DocumentLoan:
    """Lend the papers for a trip; they are due back the settings' days after it ends."""
    # Two staff lending one passport at once: the row lock makes the second see the loan.
    document = TravelDocument.objects.select_for_update().select_related("cadre__unit").get(pk=document.pk)
    _not_future(lent_on, "lent_on")
    if document.released_on is not None:
        raise RuleViolation("document", _("The document is no longer in custody."), "not_in_custody")
    if document.loans.filter(returned_on__isnull=True).exists():
        raise RuleViolation("document", _("The document is already lent out."), "already_lent")
    if trip is not None:
        if trip.cadre_id != document.cadre_id:
            raise RuleViolation("trip", _("The trip is another cadre's."), "other_cadre")
        if trip.state != TripState.APPROVED:
            raise RuleViolation("trip", _("Papers are lent for an approved trip only."), "trip_not_approved")
        trip_ends = trip.returns_on
    if trip_ends is None:
        raise RuleViolation("trip_ends", _("Say when the trip ends."), "required")
    if document.expires_on <= trip_ends:
        raise RuleViolation("document", _("The document expires before the trip ends."), "document_expires")
    loan = DocumentLoan(
        document=document,
        trip=trip,
        lent_on=lent_on,
        due_back=loan_due_back(trip_ends=trip_ends, days=musts_settings().passport_return_days),
        lent_by=acting_user,
    )
    return record_save(loan, acting_user=acting_user, unit=document.cadre.unit, scope_field="document")


@transaction.atomic
def document_return(*, loan: DocumentLoan, returned_on: datetime.date, acting_user: User) -> DocumentLoan:
    loan = DocumentLoan.objects.select_for_update().select_related("document__cadre__unit").get(pk=loan.pk)
    if loan.returned_on is not None:
        raise RuleViolation("loan", _("The document is already back."), "already_returned")
    _not_future(returned_on, "returned_on")
    loan.returned_on = returned_on
    return record_save(loan, acting_user=acting_user, unit=loan.document.cadre.unit, scope_field="loan")


@transaction.atomic
def registration_save(*, registration: ExitRegistration, acting_user: User) -> ExitRegistration:
    """登记备案 with the entry-exit authority (date, document), or its end."""
    _not_future(registration.filed_on, "filed_on")
    _not_future(registration.papers_handed_in, "papers_handed_in")
    cadre = Cadre.objects.select_related("unit").get(pk=registration.cadre_id)
    return record_save(registration, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")


def _was_middle_level(appointment: Appointment) -> bool:
    return (
        Appointment.objects.filter(cadre_id=appointment.cadre_id, post__level__tier__in=MIDDLE_AND_ABOVE)
        .exclude(pk=appointment.pk)
        .filter(start_date__lt=appointment.start_date)
        .exists()
    )


def registration_for_appointment(*, appointment: Appointment, created: bool, acting_user: User) -> None:
    """cadres.registry.AppointmentHook: a new appointment that makes a cadre middle-level (新提任)
    registers him, with the deadline to hand in his papers; papers already held count."""
    if not created or appointment.post.level.tier not in MIDDLE_AND_ABOVE or _was_middle_level(appointment):
        return
    if ExitRegistration.objects.filter(cadre_id=appointment.cadre_id, ended_on__isnull=True).exists():
        return
    held = (
        TravelDocument.objects.filter(cadre_id=appointment.cadre_id, released_on__isnull=True)
        .order_by("received_on")
        .values_list("received_on", flat=True)
        .first()
    )
    registration = ExitRegistration(
        cadre_id=appointment.cadre_id,
        appointment=appointment,
        papers_due=appointment.start_date + datetime.timedelta(days=musts_settings().hand_in_days),
        papers_handed_in=held,
    )
    history_save(registration, acting_user=acting_user)


@transaction.atomic
def trip_request(
    *,
    cadre: Cadre,
    destination: str,
    purpose: str,
    departs_on: datetime.date,
    returns_on: datetime.date,
    acting_user: User,
) -> TripRequest:
    """A private trip asked for; it goes through the approval chain in force when asked."""
    chain = [stage for stage in musts_settings().trip_chain if stage in TripStage.values]
    trip = TripRequest(
        cadre=cadre,
        destination=destination,
        purpose=purpose,
        departs_on=departs_on,
        returns_on=returns_on,
        chain=chain or [TripStage.ORG_FINAL],
        requested_on=timezone.localdate(),
    )
    return record_save(trip, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")


@transaction.atomic
def trip_decide(
    *, trip: TripRequest, stage: str, decision: str, acting_user: User, note: str = ""
) -> TripRequest:
    """One step of the chain, in its order: a refusal ends the request; the last approval approves it."""
    # Two approvers of the same step at once: the lock makes the second see the first's decision.
    trip = TripRequest.objects.select_for_update().select_related("cadre__unit").get(pk=trip.pk)
    if trip.state != TripState.PENDING:
        raise RuleViolation("trip", _("The request is already decided."), "already_decided")
    expected = next_stage(chain=trip.chain, decided=trip.approvals.values_list("stage", flat=True))
    if stage != expected:
        message = _("The next step is %(stage)s.") % {"stage": TripStage(expected).label}
        raise RuleViolation("stage", message, "step_out_of_order")
    if decision not in ApprovalDecision.values:
        raise RuleViolation("decision", _("Approve or refuse."), "invalid_choice")
    approval = TripApproval(
        trip=trip,
        stage=stage,
        decision=decision,
        decided_on=timezone.localdate(),
        decided_by=acting_user,
        note=note,
    )
    record_save(approval, acting_user=acting_user, unit=trip.cadre.unit, scope_field="trip")
    if decision == ApprovalDecision.REFUSED:
        trip.state = TripState.REFUSED
    elif next_stage(chain=trip.chain, decided=[*trip.approvals.values_list("stage", flat=True)]) is None:
        trip.state = TripState.APPROVED
    history_save(trip, acting_user=acting_user, update_fields=["state"])
    return trip
