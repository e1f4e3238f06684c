"""Care (关心关爱): recording talks and visits, the year's health check and its list, and the
monthly reminder of the talks the committee still owes."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from appraisal.models import CareTalk, HealthCheck, HealthCheckRound, Visit
from appraisal.rules.care import health_check_day_refusal
from appraisal.selectors.care import talk_coverage
from cadres.models import Cadre, CadreStatus, OrgUnit, OrgUnitKind
from core.errors import RuleViolation
from core.models import User
from core.notifications import notify
from core.roles import HR
from core.scope import ensure_unit_in_scope, scope_path
from core.services import history_save, record_save

DATE_AHEAD = "date_ahead"
COVERAGE_REMINDER = "care_talk_coverage"


def _not_ahead(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleViolation(field, _("The date cannot be in the future."), DATE_AHEAD)


@transaction.atomic
def care_talk_save(*, talk: CareTalk, acting_user: User) -> CareTalk:
    """A talk held (not planned: `date_ahead`), in the scope of the one talked with."""
    _not_ahead(talk.talked_on, "talked_on")
    unit = talk.talkee.unit if talk.talkee_id else None
    return record_save(talk, acting_user=acting_user, unit=unit, scope_field="talkee")


@transaction.atomic
def visit_save(*, visit: Visit, acting_user: User) -> Visit:
    _not_ahead(visit.visited_on, "visited_on")
    unit = visit.cadre.unit if visit.cadre_id else None
    return record_save(visit, acting_user=acting_user, unit=unit, scope_field="cadre")


@transaction.atomic
def health_check_round_arrange(*, check_round: HealthCheckRound, acting_user: User) -> HealthCheckRound:
    """Arrange the year's health check; its list (every serving cadre) is made by a job at commit."""
    from appraisal.tasks import health_check_list_task

    if check_round.year is not None and check_round.year > timezone.localdate().year:
        raise RuleViolation(
            "year", _("Arrange the check of the current year or an earlier one."), "year_ahead"
        )
    saved = record_save(check_round, acting_user=acting_user, unit=None)
    transaction.on_commit(lambda: health_check_list_task.delay(saved.pk))
    return saved


@transaction.atomic
def health_check_list_make(*, check_round: HealthCheckRound, acting_user: User) -> int:
    """Put every serving cadre not yet on the year's list on it; returns how many were added.
    Safe to run again: a cadre already listed is skipped (and the unique constraint holds)."""
    check_round = HealthCheckRound.objects.select_for_update().get(
        pk=check_round.pk
    )  # one list-maker at a time
    listed = set(check_round.checks.values_list("cadre_id", flat=True))
    serving = (
        Cadre.objects.filter(status=CadreStatus.SERVING).exclude(pk__in=listed).values_list("pk", flat=True)
    )
    rows = [HealthCheck(round=check_round, cadre_id=pk) for pk in serving]
    bulk_create_with_history(rows, HealthCheck, default_user=acting_user)
    return len(rows)


def health_check_lists_make(*, on: datetime.date, acting_user: User) -> dict[str, int]:
    """The job: the list of this year's arranged check, with the cadres who started serving since."""
    added = sum(
        health_check_list_make(check_round=r, acting_user=acting_user)
        for r in HealthCheckRound.objects.filter(year=on.year)
    )
    return {"added": added}


@transaction.atomic
def health_check_mark(*, check: HealthCheck, done_on: datetime.date | None, acting_user: User) -> HealthCheck:
    """Done on a day (in the round's year, not ahead), or not done (`done_on` None)."""
    check = HealthCheck.objects.select_for_update().select_related("round", "cadre__unit").get(pk=check.pk)
    ensure_unit_in_scope(acting_user, check.cadre.unit, field="cadre")
    refusal = health_check_day_refusal(done_on=done_on, year=check.round.year, today=timezone.localdate())
    if refusal is not None:
        raise RuleViolation("done_on", refusal[1], refusal[0])
    check.done_on = done_on
    return history_save(check, acting_user=acting_user, update_fields=["done_on"])


def _office_staff(committee: OrgUnit) -> list[User]:
    """HR staff whose scope holds the party committee: the committee's office that arranges the talks."""
    users = User.objects.filter(is_active=True, groups__name=HR.group).select_related("scope_unit").distinct()
    return [u for u in users if (prefix := scope_path(u)) is not None and committee.path.startswith(prefix)]


class _Everyone:
    """The job reads the coverage of every unit (core.scope.scope_path: a superuser's '')."""

    is_authenticated = is_active = is_superuser = True
    scope_unit = None


def talk_coverage_reminders(*, on: datetime.date, acting_user: User) -> dict[str, int]:
    """Once a month: tell the committee's office how many owed talks of the year are still missing.
    Safe to run twice: the key names the year and month (core.notifications)."""
    committee = OrgUnit.objects.filter(kind=OrgUnitKind.PARTY_COMMITTEE, active=True).order_by("path").first()
    if committee is None:
        return {"reminded": 0, "gaps": 0}
    coverage = talk_coverage(user=_Everyone(), year=on.year, on=on)
    gaps = len(coverage.gaps)
    if not gaps:
        return {"reminded": 0, "gaps": 0}
    message = _("Heart-to-heart talks of %(year)s: %(talked)d of %(owed)d held, %(gaps)d still owed.") % {
        "year": on.year,
        "talked": coverage.talked,
        "owed": coverage.owed,
        "gaps": gaps,
    }
    link = reverse("appraisal:care-talk-coverage") + f"?year={on.year}"
    key = f"{COVERAGE_REMINDER}:{on.year}-{on.month:02d}"
    reminded = sum(
        bool(notify(user=u, kind=COVERAGE_REMINDER, key=key, message=message, link=link))
        for u in _office_staff(committee)
    )
    return {"reminded": reminded, "gaps": gaps}
