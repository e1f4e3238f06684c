import dataclasses

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.models import AppraisalResult
from appraisal.rules import YEAR_AHEAD, appraisal_year_ahead
from appraisal.selectors import lrmx_grades_offer
from appraisal.services.consequences import consequences_sync
from cadres.models import Cadre
from cadres.registry import OFFER_NEW, OFFER_SAVED, OfferedGrade
from core.errors import RuleViolation
from core.models import User
from core.services import record_save


@transaction.atomic
def appraisal_result_save(*, result: AppraisalResult, acting_user: User) -> AppraisalResult:
    """Record a yearly grade; a year after the current one is refused (`year_ahead`)."""
    today = timezone.localdate()
    if result.year is not None and appraisal_year_ahead(year=result.year, on=today):
        message = _("%(year)s has not been appraised yet: record a grade for %(current)s or an earlier year.")
        raise RuleViolation("year", message % {"year": result.year, "current": today.year}, YEAR_AHEAD)
    saved = record_save(result, acting_user=acting_user, unit=result.cadre.unit, scope_field="cadre")
    # A grade may complete a run (能上能下): HR's due list shows it at once, not after the night's job.
    consequences_sync(cadre_ids=[saved.cadre_id], on=today, acting_user=acting_user)
    return saved


@transaction.atomic
def lrmx_grades_save(*, cadre: Cadre, grades: list[tuple[int, str]], acting_user: User) -> list[OfferedGrade]:
    """Record the grades of an imported .lrmx file that are not on record yet.

    A year already recorded keeps its grade, the same or not (a conflict the preview showed).
    """
    # Lock the cadre first: two imports of one file at once would both find the year free.
    Cadre.objects.select_for_update().only("pk").get(pk=cadre.pk)
    outcome = []
    for offered in lrmx_grades_offer(cadre=cadre, grades=grades, user=acting_user):
        if offered.status == OFFER_NEW:
            result = AppraisalResult(
                cadre=cadre, year=offered.year, grade=offered.grade, note=_("From an imported .lrmx file")
            )
            appraisal_result_save(result=result, acting_user=acting_user)
            offered = dataclasses.replace(offered, status=OFFER_SAVED)
        outcome.append(offered)
    return outcome
