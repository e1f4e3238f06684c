from django.db import transaction

from appraisal.models import AppraisalResult
from core.models import User
from core.services import record_save


@transaction.atomic
def appraisal_result_save(*, result: AppraisalResult, acting_user: User) -> AppraisalResult:
    return record_save(result, acting_user=acting_user, unit=result.cadre.unit, scope_field="cadre")
