"""能上能下: consequences raised from the yearly grades, and HR closing them with what was done.

`consequences_sync` is safe to run any number of times: it raises what the grades call for and
is not on record, corrects the grades of an open one, and withdraws an open one the grades no
longer call for (a grade corrected); a closed one is history and stays.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.models import AppraisalResult, Commendation, Consequence
from appraisal.rules.consequences import consequences_called, outcome_allowed
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import history_save


@transaction.atomic
def consequences_sync(*, cadre_ids, on: datetime.date, acting_user: User) -> dict[str, int]:
    """Bring the consequences of these cadres (None: every cadre with a grade) in line with their grades."""
    grades = AppraisalResult.objects.all()
    existing = Consequence.objects.select_for_update()
    if cadre_ids is not None:
        grades, existing = grades.filter(cadre_id__in=cadre_ids), existing.filter(cadre_id__in=cadre_ids)
    by_cadre: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for cadre_id, year, grade in grades.values_list("cadre_id", "year", "grade"):
        by_cadre[cadre_id].append((year, grade))
    on_record = {(c.cadre_id, c.kind, c.year): c for c in existing}
    counts = {"raised": 0, "updated": 0, "withdrawn": 0}
    wanted = set()
    for cadre_id, pairs in by_cadre.items():
        for called in consequences_called(grades=pairs):
            key = (cadre_id, called.kind, called.year)
            wanted.add(key)
            caused = [list(pair) for pair in called.grades]
            row = on_record.get(key)
            if row is None:
                row = Consequence(cadre_id=cadre_id, kind=called.kind, year=called.year, raised_on=on)
                row.grades = caused
                history_save(row, acting_user=acting_user)
                counts["raised"] += 1
            elif row.is_open and row.grades != caused:
                row.grades = caused
                history_save(row, acting_user=acting_user, update_fields=["grades"])
                counts["updated"] += 1
    for key, row in on_record.items():
        if key not in wanted and row.is_open:
            row._history_user = acting_user
            row.delete()
            counts["withdrawn"] += 1
    return counts


@transaction.atomic
def consequence_close(
    *,
    consequence: Consequence,
    outcome: str,
    note: str,
    acting_user: User,
    closed_on: datetime.date | None = None,
    commendation: Commendation | None = None,
) -> Consequence:
    """Close an open consequence with what was done: `already_closed`, `outcome_not_allowed`
    (a commendation flag is not "adjusted"), `date_ahead`, `commendation_of_another_cadre`."""
    # Lock the row: two HR staff closing one item at once would both find it open.
    consequence = Consequence.objects.select_for_update().select_related("cadre__unit").get(pk=consequence.pk)
    ensure_unit_in_scope(acting_user, consequence.cadre.unit, field="consequence")
    today = timezone.localdate()
    closed_on = closed_on or today
    if not consequence.is_open:
        raise RuleViolation("consequence", _("This item has already been closed."), "already_closed")
    if not outcome_allowed(kind=consequence.kind, outcome=outcome):
        message = _("%(kind)s cannot be closed as “%(outcome)s”.")
        raise RuleViolation(
            "outcome",
            message % {"kind": consequence.get_kind_display(), "outcome": outcome},
            "outcome_not_allowed",
        )
    if closed_on > today:
        raise RuleViolation("closed_on", _("The date cannot be in the future."), "date_ahead")
    if commendation is not None and commendation.cadre_id != consequence.cadre_id:
        message = _("The commendation is not of this cadre.")
        raise RuleViolation("commendation", message, "commendation_of_another_cadre")
    consequence.outcome, consequence.note, consequence.closed_on = outcome, note, closed_on
    consequence.commendation = commendation
    return history_save(
        consequence, acting_user=acting_user, update_fields=["outcome", "note", "closed_on", "commendation"]
    )
