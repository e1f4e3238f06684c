"""Recording commendations (表彰), individual or collective."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.choices import CommendationScope
from appraisal.models import Commendation
from core.errors import RuleViolation
from core.models import User
from core.services import record_save


@transaction.atomic
def commendation_save(*, commendation: Commendation, acting_user: User) -> Commendation:
    """An individual commendation belongs to its cadre's unit (the scope follows it); a collective
    one names its unit and no cadre (`cadre_scope_mismatch`). A date ahead is refused (`date_ahead`)."""
    if commendation.scope == CommendationScope.INDIVIDUAL and commendation.cadre_id is not None:
        commendation.unit = commendation.cadre.unit
    if commendation.scope == CommendationScope.COLLECTIVE and commendation.cadre_id is not None:
        message = _("A collective commendation names only the unit, not a cadre.")
        raise RuleViolation("cadre", message, "cadre_scope_mismatch")
    if commendation.scope == CommendationScope.INDIVIDUAL and commendation.cadre_id is None:
        raise RuleViolation("cadre", _("An individual commendation names its cadre."), "cadre_required")
    if commendation.scope == CommendationScope.COLLECTIVE and commendation.unit_id is None:
        raise RuleViolation("unit", _("A collective commendation names its unit."), "unit_required")
    if commendation.awarded_on is not None and commendation.awarded_on > timezone.localdate():
        raise RuleViolation("awarded_on", _("The date cannot be in the future."), "date_ahead")
    field = "cadre" if commendation.scope == CommendationScope.INDIVIDUAL else "unit"
    return record_save(commendation, acting_user=acting_user, unit=commendation.unit, scope_field=field)
