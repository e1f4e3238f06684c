from django.db import transaction

from appraisal.models import AppraisalResult
from core.scope import ensure_unit_in_scope


@transaction.atomic
def appraisal_result_save(*, result: AppraisalResult, acting_user=None) -> AppraisalResult:
    ensure_unit_in_scope(acting_user, result.cadre.unit, field="cadre")
    result.full_clean()
    result._history_user = acting_user
    result.save()
    return result
