"""The steps of a selection process in one table: the HR pages and the API both run them here.

Each step takes the validated input of its form or serializer in one shape: `votes` as
(cadre, count) pairs, `objection` as the Objection the step resolves, and its date (`date`, or
the step's own date field), None for today; the services check the order of the dates.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from cadres.models import SelectionProcess
from cadres.services import selection as services
from core.errors import RuleViolation
from core.models import User


def _recommendation(process, data, acting_user):
    return services.selection_record_recommendation(
        process=process,
        kind=data["kind"],
        participants=data["participants"],
        votes=data["votes"],
        date=data.get("date"),
        acting_user=acting_user,
    )


def _candidates(process, data, acting_user):
    return services.selection_add_candidate(
        process=process,
        cadre=data["cadre"],
        override_reason=data.get("override_reason", ""),
        override_document=data.get("override_document", ""),
        date=data.get("date"),
        acting_user=acting_user,
    )


def _checks(process, data, acting_user):
    return services.selection_record_check(
        process=process,
        cadre=data["cadre"],
        kind=data["check"],
        result=data["result"],
        note=data.get("reason") or data["note"],
        date=data.get("date"),
        acting_user=acting_user,
    )


def _decision(process, data, acting_user):
    return services.selection_decide(
        process=process,
        members_total=data["members_total"],
        members_present=data["members_present"],
        votes=data["votes"],
        decision_date=data.get("decision_date"),
        acting_user=acting_user,
    )


def _notice(process, data, acting_user):
    return services.selection_start_notice(
        process=process, start_date=data.get("start_date"), acting_user=acting_user
    )


def _objections(process, data, acting_user):
    return services.selection_record_objection(
        process=process,
        cadre=data["cadre"],
        content=data["content"],
        received_date=data.get("received_date"),
        acting_user=acting_user,
    )


def _resolve(process, data, acting_user):
    return services.selection_resolve_objection(
        objection=data["objection"],
        resolution=data["resolution"],
        upheld=data["upheld"],
        resolved_date=data.get("resolved_date"),
        acting_user=acting_user,
    )


def _appoint(process, data, acting_user):
    return services.selection_appoint(
        process=process,
        cadre=data["cadre"],
        document_no=data["document_no"],
        start_date=data["start_date"],
        acting_user=acting_user,
    )


def _probation(process, data, acting_user):
    if process.appointment is None:
        raise RuleViolation("result", _("This process has made no appointment yet."), "no_probation")
    return services.probation_review(
        appointment=process.appointment, result=data["result"], note=data["note"], acting_user=acting_user
    )


def _withdraw(process, data, acting_user):
    return services.selection_withdraw(process=process, reason=data["reason"], acting_user=acting_user)


STEPS: dict[str, Callable] = {
    "recommendation": _recommendation,  # 民主推荐
    "candidates": _candidates,  # 确定考察对象
    "checks": _checks,  # 考察: the four musts
    "decision": _decision,  # 讨论决定
    "notice": _notice,  # 任前公示
    "objections": _objections,  # an objection during the notice
    "resolve": _resolve,  # its resolution
    "appoint": _appoint,  # 任职
    "probation": _probation,  # 试用期满考核
    "withdraw": _withdraw,  # ends a process under way
}


def selection_step_run(*, process: SelectionProcess, step: str, data: dict, acting_user: User):
    """Run one step of the process with its validated input; the step's service checks the rules."""
    return STEPS[step](process, data, acting_user)
