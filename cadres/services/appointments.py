"""Appointing and removing: a post is one seat, a cadre has at most one primary post at a time."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Appointment, Cadre, Post
from cadres.registry import APPOINTMENT_HOOKS
from cadres.selectors.appointments import overlapping, primary_not_followed
from core.actors import system_actor
from core.constraints import integrity_guard
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import history_save


def seat_taken_message(clash: Appointment) -> str:
    """Who holds the seat and when: for the service's check and the database's one-seat constraint."""
    return _("The post is held by %(name)s from %(start)s%(end)s; a post is one seat.") % {
        "name": clash.cadre.name,
        "start": clash.start_date.isoformat(),
        "end": _(" to %(end)s") % {"end": clash.end_date.isoformat()} if clash.end_date else "",
    }


def seat_clashes(appointment: Appointment):
    others = Appointment.objects.filter(post_id=appointment.post_id).exclude(pk=appointment.pk)
    return overlapping(others, appointment.start_date, appointment.end_date).select_related("cadre")


def _check_seat_free(appointment: Appointment) -> None:
    clash = seat_clashes(appointment).first()
    if clash:
        raise RuleViolation("post", seat_taken_message(clash), "post_occupied")


def _other_primary(appointment: Appointment):
    others = Appointment.objects.filter(cadre_id=appointment.cadre_id, is_primary=True).exclude(
        pk=appointment.pk
    )
    return overlapping(others, appointment.start_date, appointment.end_date).select_related("post").first()


@transaction.atomic
def appointment_save(
    *, appointment: Appointment, acting_user: User, close_previous_primary: bool = False
) -> Appointment:
    """Create or update an appointment.

    With `close_previous_primary`, a primary post the cadre still holds ends on the new
    start date (免去原职务), as when a cadre is promoted to another post.
    """
    # Lock the post and the cadre: two clerks appointing to one seat at once would both
    # see it free, and two primary appointments for one cadre would both pass the check.
    post = Post.objects.select_for_update().select_related("unit").get(pk=appointment.post_id)
    cadre = Cadre.objects.select_for_update().select_related("unit").get(pk=appointment.cadre_id)
    ensure_unit_in_scope(acting_user, cadre.unit, field="cadre")
    if appointment.pk is None and not post.active:
        raise RuleViolation("post", _("The post is inactive."), "post_inactive")
    if appointment.end_date and appointment.end_date <= appointment.start_date:
        raise RuleViolation("end_date", _("The end date must be after the start date."), "end_before_start")
    _check_seat_free(appointment)
    if appointment.is_primary:
        previous = _other_primary(appointment)
        if previous and close_previous_primary and previous.start_date < appointment.start_date:
            appointment_end(
                appointment=previous,
                end_date=appointment.start_date,
                leave_reason=_("Appointed to %(post)s") % {"post": str(post)},
                acting_user=acting_user,
            )
        elif previous:
            raise RuleViolation(
                "is_primary",
                _("%(name)s already has a primary post in this period (%(post)s).")
                % {"name": cadre.name, "post": str(previous.post)},
                "primary_exists",
            )
    appointment.full_clean(validate_constraints=False)
    created = appointment.pk is None
    appointment._history_user = acting_user
    # The checks above run under the locks; the database's constraints still refuse what a
    # write outside this service let through, as the same field error (core.constraints).
    with integrity_guard(appointment, acting_user=acting_user):
        appointment.save()
    _unit_follow(cadre=cadre, appointment=appointment, post=post, acting_user=acting_user)
    for hook in APPOINTMENT_HOOKS.values():  # e.g. oversight: a new middle-level cadre's papers
        hook.saved(appointment=appointment, created=created, acting_user=acting_user)
    return appointment


def _unit_follow(*, cadre: Cadre, appointment: Appointment, post: Post, acting_user: User) -> None:
    """The cadre's unit is the unit of his open primary post, so the roster, exports, the
    data scope and the .lrmx agree after a transfer. The unit changes when the appointment
    takes effect: a start on or before today moves him now; a future start moves him on
    that day, in the daily review (`appointments_take_effect`)."""
    if not appointment.is_primary or appointment.end_date is not None:
        return
    if appointment.start_date > timezone.localdate() or cadre.unit_id == post.unit_id:
        return
    cadre.unit = post.unit
    history_save(cadre, acting_user=acting_user, update_fields=["unit"])


@transaction.atomic
def appointment_end(
    *, appointment: Appointment, end_date: datetime.date, leave_reason: str = "", acting_user: User
) -> Appointment:
    """Remove a cadre from a post (免职) as of `end_date` (the first day not held)."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if end_date <= appointment.start_date:
        raise RuleViolation("end_date", _("The end date must be after the start date."), "end_before_start")
    appointment.end_date = end_date
    appointment.leave_reason = leave_reason or appointment.leave_reason
    appointment._history_user = acting_user
    appointment.save(update_fields=["end_date", "leave_reason"])
    return appointment


@transaction.atomic
def appointments_take_effect(*, on: datetime.date) -> int:
    """Move each cadre whose primary appointment is in force on `on` to the post's unit, as the
    system actor, with a history row; returns how many moved. Safe to run again: a cadre
    already in the post's unit is not selected. A primary post that ends moves no one: the
    cadre stays in the unit until his next primary appointment takes effect."""
    actor = system_actor()
    moved = 0
    for appointment in primary_not_followed(on=on).select_for_update(of=("self",)):
        cadre = Cadre.objects.select_for_update().get(pk=appointment.cadre_id)  # a clerk's edit at once
        if cadre.unit_id != appointment.post.unit_id:
            cadre.unit = appointment.post.unit
            history_save(cadre, acting_user=actor, update_fields=["unit"])
            moved += 1
    return moved
