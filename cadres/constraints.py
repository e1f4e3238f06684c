"""How cadres' constraint errors name the record they collide with (core.constraints).

Registered in `CadresConfig.ready()`. A check constraint's error goes on the field a user
would correct; a unique one names the other row, shown only to a user whose data scope
holds it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.services.appointments import seat_clashes, seat_taken_message
from core.constraints import ConstraintField, register_constraint


def cadre_label(cadre) -> str:
    return _("%(name)s (%(unit)s)") % {"name": cadre.name, "unit": cadre.unit.name}


def _id_number_owner(cadre) -> str:
    return _("The ID number already belongs to %(cadre)s.") % {"cadre": cadre_label(cadre)}


def _primary_holder(appointment) -> str:
    return _("%(name)s already has a primary post in this period (%(post)s).") % {
        "name": appointment.cadre.name,
        "post": str(appointment.post),
    }


def _unit_of_that_name(unit) -> str:
    return _("The parent unit already has a unit of this name (code %(code)s).") % {"code": unit.code}


def _open_process(process) -> str:
    return _("The post already has an open selection process (%(process)s).") % {"process": str(process)}


ENTRIES = (
    ConstraintField("orgunit_not_own_parent", ("parent",)),
    ConstraintField("orgunit_unique_name_in_parent", ("name",), named=_unit_of_that_name),
    ConstraintField("postquota_unique_unit_level", ("level",)),
    ConstraintField("postquota_approved_not_negative", ("approved",)),
    ConstraintField("cadre_unique_id_number", ("id_number",), named=_id_number_owner),
    ConstraintField("cadre_party_join_after_birth", ("party_join_date",)),
    ConstraintField("cadre_work_start_after_birth", ("work_start_date",)),
    ConstraintField("familymember_not_self", ("relative_cadre",)),
    ConstraintField("appointment_ends_after_start", ("end_date",)),
    ConstraintField("appointment_one_open_primary_per_cadre", ("is_primary",), named=_primary_holder),
    # Created in SQL by migration 0006 (PostgreSQL only), so no model declares its message.
    ConstraintField(
        "appointment_post_no_overlap",
        ("post",),
        named=seat_taken_message,
        conflicts=seat_clashes,
        message=gettext_lazy("The post is held by another cadre in this period; a post is one seat."),
        code="post_occupied",
    ),
    ConstraintField("selection_present_not_above_total", ("members_present",)),
    ConstraintField("selection_notice_ends_after_start", ("notice_end",)),
    ConstraintField("selection_one_open_process_per_post", ("post",), named=_open_process),
    ConstraintField("candidate_once_per_process", ("cadre",)),
    ConstraintField("recommendation_has_participants", ("participants",)),
    ConstraintField("vote_once_per_cadre", ("cadre",)),
    ConstraintField("check_once_per_candidate", ("kind",)),
    ConstraintField("reserve_once_per_level", ("target_level",)),
    ConstraintField("selectionsettings_quorum_fraction", ("quorum_numerator",)),
    ConstraintField("selectionsettings_notice_days", ("notice_working_days",)),
    ConstraintField("relaxablereason_locked_never_relaxable", ("relaxable",)),
)


def register() -> None:
    for entry in ENTRIES:
        register_constraint(entry)
