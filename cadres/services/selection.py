"""The selection workflow (选拔任用) as a state machine; each step writes the process record (纪实)."""

import datetime
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import (
    OPEN_SELECTION_STATES,
    Appointment,
    Cadre,
    CheckResult,
    InspectionCheck,
    Objection,
    Post,
    ProbationResult,
    ProcessEvent,
    Recommendation,
    RecommendationVote,
    SelectionCandidate,
    SelectionProcess,
    SelectionState,
)
from cadres.registry import CHECK_PROVIDERS
from cadres.rules.decision import check_quorum, check_votes, seat_cut
from cadres.rules.step_dates import latest
from cadres.rules.tenure import add_months
from cadres.rules.workdays import add_working_days
from cadres.selectors.checks import computed_states, open_checks
from cadres.selectors.eligibility import (
    cadre_eligibility,
    calendar_overrides,
    reasons_as_data,
    selection_figures,
)
from cadres.selectors.exceptional import relaxable_codes
from cadres.services.appointments import appointment_end, appointment_save
from cadres.services.selection_checks import (
    Override,
    override_check,
    override_summary,
    recheck_eligibility,
    step_date_ensure,
)
from core.errors import RuleViolation
from core.models import User
from core.roles import ADMIN, has_role
from core.scope import ensure_unit_in_scope
from core.services import history_save

S = SelectionState
POST_SEATS = 1  # a post is one seat (the appointments' exclusion constraint, migration 0006)


def _event(process, step: str, summary: str, actor) -> None:
    ProcessEvent.objects.create(process=process, step=step, summary=summary, actor=actor)


def _lock(process: SelectionProcess) -> SelectionProcess:
    # Two HR staff recording steps at once must not both pass the state check.
    return (
        SelectionProcess.objects.select_for_update()
        .select_related("post__level", "post__unit")
        .get(pk=process.pk)
    )


def _require_state(process, *states, step: str) -> None:
    if process.state not in states:
        raise RuleViolation(
            "state",
            _("%(step)s is not possible while the process is at %(state)s.")
            % {"step": step, "state": process.get_state_display()},
            "step_out_of_order",
            state=process.state,
        )


def _candidate(process, cadre: Cadre, *, field: str = "cadre") -> SelectionCandidate:
    candidate = process.candidates.filter(cadre=cadre).first()
    if candidate is None:
        raise RuleViolation(
            field, _("%(name)s is not a candidate of this process.") % {"name": cadre.name}, "not_a_candidate"
        )
    return candidate


def _vacancy_date_check(post: Post, vacancy_date: datetime.date | None) -> None:
    """A post someone holds needs the date it will be vacant, not a past one."""
    held = Appointment.objects.filter(post=post, end_date__isnull=True).exists()
    if held and vacancy_date is None:
        message = _("The post is held: enter the date it will be vacant.")
        raise RuleViolation("vacancy_date", message, "vacancy_date_required")
    today = timezone.localdate()
    if vacancy_date is not None and vacancy_date < today:
        message = _("The vacancy date (%(date)s) is before today (%(today)s).") % {
            "date": vacancy_date,
            "today": today,
        }
        raise RuleViolation("vacancy_date", message, "vacancy_date_past")


@transaction.atomic
def selection_start(
    *,
    post: Post,
    acting_user: User,
    analysis: str = "",
    method: str = "",
    vacancy_date: datetime.date | None = None,
) -> SelectionProcess:
    """分析研判和动议: open a process for a post (one open process per post); a held post needs
    its `vacancy_date`. What to heed (the holder, a full quota): selection_start_warnings."""
    ensure_unit_in_scope(acting_user, post.unit, field="post")
    post = Post.objects.select_for_update().select_related("unit").get(pk=post.pk)
    if SelectionProcess.objects.filter(post=post, state__in=OPEN_SELECTION_STATES).exists():
        raise RuleViolation("post", _("A selection for this post is already under way."), "selection_open")
    _vacancy_date_check(post, vacancy_date)
    process = history_save(
        SelectionProcess(
            post=post, analysis=analysis, method=method, vacancy_date=vacancy_date, created_by=acting_user
        ),
        acting_user=acting_user,
    )
    summary = _("Selection started for %(post)s.") % {"post": post}
    if vacancy_date:
        summary += " " + _("The post will be vacant from %(date)s.") % {"date": vacancy_date}
    _event(process, "initiation", summary, acting_user)
    return process


@transaction.atomic
def selection_withdraw(*, process: SelectionProcess, reason: str, acting_user: User) -> SelectionProcess:
    """Ends a process under way (withdrawn), with the reason in the process record; a new one
    may then start for the post."""
    process = _lock(process)
    _require_state(process, *OPEN_SELECTION_STATES, step=_("Withdrawal"))
    reason = reason.strip()
    if not reason:
        raise RuleViolation("reason", _("State the reason for the withdrawal."), "reason_required")
    process.state = S.WITHDRAWN
    history_save(process, acting_user=acting_user, update_fields=["state"])
    _event(process, "withdrawal", _("Process withdrawn: %(reason)s") % {"reason": reason}, acting_user)
    return process


@transaction.atomic
def selection_record_recommendation(
    *,
    process: SelectionProcess,
    kind: str,
    participants: int,
    votes: list[tuple[Cadre, int]],
    acting_user: User,
    date: datetime.date | None = None,
) -> Recommendation:
    """民主推荐: meeting or talk recommendation with vote counts per person, held on `date`."""
    process = _lock(process)
    _require_state(process, S.INITIATED, S.RECOMMENDATION, step=_("Recommendation"))
    date = date or timezone.localdate()
    step_date_ensure(step="recommendation", on=date, field="date")
    for index, (cadre, count) in enumerate(votes):
        ensure_unit_in_scope(acting_user, cadre.unit, field=f"votes.{index}.cadre")
        if count > participants:
            raise RuleViolation(
                f"votes.{index}.count",
                _("%(count)s votes exceed the %(participants)s participants.")
                % {"count": count, "participants": participants},
                "votes_exceed_participants",
            )
    recommendation = Recommendation.objects.create(
        process=process, kind=kind, participants=participants, date=date
    )
    RecommendationVote.objects.bulk_create(
        RecommendationVote(recommendation=recommendation, cadre=cadre, count=count) for cadre, count in votes
    )
    process.state = S.RECOMMENDATION
    history_save(process, acting_user=acting_user, update_fields=["state"])
    tally = "，".join(f"{cadre.name} {count}" for cadre, count in sorted(votes, key=lambda v: -v[1]))
    summary = _("%(kind)s on %(date)s: %(participants)s took part; votes: %(tally)s.") % {
        "kind": recommendation.get_kind_display(),
        "date": date,
        "participants": participants,
        "tally": tally or "—",
    }
    _event(process, "recommendation", summary, acting_user)
    return recommendation


@transaction.atomic
def selection_add_candidate(
    *,
    process: SelectionProcess,
    cadre: Cadre,
    acting_user: User,
    override_reason: str = "",
    override_document: str = "",
    date: datetime.date | None = None,
) -> SelectionCandidate:
    """确定考察对象 on `date`: add an inspection candidate, refused while any eligibility rule
    blocks (as of `date`) unless an exceptional promotion (破格) relaxes every block within the
    regulations."""
    process = _lock(process)
    _require_state(process, S.RECOMMENDATION, S.INSPECTION, step=_("Choosing inspection candidates"))
    ensure_unit_in_scope(acting_user, cadre.unit, field="cadre")
    if process.candidates.filter(cadre=cadre).exists():
        raise RuleViolation(
            "cadre", _("%(name)s is already a candidate.") % {"name": cadre.name}, "already_candidate"
        )
    on = date or timezone.localdate()
    recommended = latest(process.recommendations.values_list("date", flat=True))
    step_date_ensure(step="candidates", on=on, field="date", previous=recommended)
    result = cadre_eligibility(cadre=cadre, post=process.post, on=on)
    override = Override(reason=override_reason.strip(), document=override_document.strip())
    relaxed = override_check(process=process, cadre=cadre, result=result, override=override, on=on)
    candidate = SelectionCandidate(
        process=process,
        cadre=cadre,
        override_reason=override.reason,
        override_document=override.document,
        relaxed_codes=relaxed,
        added_date=on,
        eligibility=reasons_as_data(result, relaxable=relaxable_codes()),
    )
    if override:
        candidate.override_by, candidate.override_at = acting_user, timezone.now()
    history_save(candidate, acting_user=acting_user)
    process.state = S.INSPECTION
    history_save(process, acting_user=acting_user, update_fields=["state"])
    summary = _("%(name)s chosen for inspection.") % {"name": cadre.name}
    if override:
        summary += " " + override_summary(override=override, relaxed=relaxed)
    _event(process, "candidates", summary, acting_user)
    for provider in CHECK_PROVIDERS.values():  # e.g. the integrity opinion is asked for now
        if provider.request is not None:
            provider.request(candidate=candidate, acting_user=acting_user)
    return candidate


@transaction.atomic
def selection_record_check(
    *,
    process: SelectionProcess,
    cadre: Cadre,
    kind: str,
    result: str,
    note: str = "",
    acting_user: User,
    date: datetime.date | None = None,
) -> InspectionCheck:
    """考察: one of the four musts for one candidate on `date`, clear or issue."""
    process = _lock(process)
    _require_state(process, S.INSPECTION, step=_("Inspection"))
    candidate = _candidate(process, cadre)
    computed = kind in CHECK_PROVIDERS
    if computed and not has_role(acting_user, ADMIN) and not acting_user.is_superuser:
        raise RuleViolation(
            "check",
            _("This check is computed from the records, not recorded by hand."),
            "checks_are_computed",
        )
    if computed and (result != CheckResult.CLEAR or not note.strip()):
        # Only an administrator overrides a computed check, only to clear it, and says why.
        message = _("An administrator's override clears the check and states the reason.")
        raise RuleViolation("reason", message, "override_reason_required")
    date = date or timezone.localdate()
    step_date_ensure(step="checks", on=date, field="date", previous=candidate.added_date)
    check = InspectionCheck.objects.filter(candidate=candidate, kind=kind).first() or InspectionCheck(
        candidate=candidate, kind=kind
    )
    check.result, check.note, check.checked_by, check.check_date = result, note, acting_user, date
    check.override = computed
    history_save(check, acting_user=acting_user)
    summary = _("%(name)s: %(check)s on %(date)s — %(result)s. %(note)s") % {
        "name": cadre.name,
        "date": date,
        "check": check.get_kind_display(),
        "result": check.get_result_display(),
        "note": note,
    }
    if computed:
        summary = _(
            "%(name)s: %(check)s cleared by an administrator's override on %(date)s. Reason: %(note)s"
        ) % {
            "name": cadre.name,
            "date": date,
            "check": check.get_kind_display(),
            "note": note,
        }
    _event(process, "inspection", summary.strip(), acting_user)
    return check


def open_musts(process: SelectionProcess) -> list[str]:
    """The four musts still open or marked issue, as 'name: check' lines; a computed check
    (cadres.registry.CHECK_PROVIDERS) says why, e.g. the integrity opinion's objection."""
    candidates = list(process.candidates.select_related("cadre").prefetch_related("checks"))
    computed = computed_states(candidates)
    return [
        f"{candidate.cadre.name}：{line}"
        for candidate in candidates
        for line in open_checks(candidate, computed)
    ]


@transaction.atomic
def selection_decide(
    *,
    process: SelectionProcess,
    members_total: int,
    members_present: int,
    votes: list[tuple[Cadre, int]],
    acting_user: User,
    decision_date: datetime.date | None = None,
) -> list[SelectionCandidate]:
    """讨论决定: ≥ 2/3 of members present; approved with votes for > half of all members."""
    process = _lock(process)
    _require_state(process, S.INSPECTION, step=_("Committee decision"))
    still_open = open_musts(process)
    if still_open:
        raise RuleViolation(
            "candidates",
            _("The four musts are not all clear: %(open)s") % {"open": "；".join(still_open)},
            "four_musts_open",
            open=still_open,
        )
    figures = selection_figures()
    quorum = check_quorum(
        members_total=members_total,
        members_present=members_present,
        numerator=figures.quorum_numerator,
        denominator=figures.quorum_denominator,
    )
    if not quorum:
        raise RuleViolation("members_present", str(quorum.message), quorum.code, params=quorum.params)
    decision_date = decision_date or timezone.localdate()
    # The computed musts count by the day of the records that cleared them (a file review, a
    # personal-matters check, the integrity opinion's answer), the recorded ones by their date.
    candidates = list(process.candidates.all())
    cleared_on = [s.on for states in computed_states(candidates).values() for s in states.values() if s.on]
    checked = latest(
        [
            *InspectionCheck.objects.filter(candidate__process=process).values_list("check_date", flat=True),
            *cleared_on,
        ]
    )
    step_date_ensure(step="decision", on=decision_date, field="decision_date", previous=checked)
    outcomes = _vote_outcomes(process, votes, members_total=members_total, members_present=members_present)
    approved, not_approved = _seat_cut(process, outcomes, on=decision_date)
    for vote in outcomes:
        vote.candidate.votes_for, vote.candidate.approved = vote.votes_for, vote.candidate in approved
        history_save(vote.candidate, acting_user=acting_user, update_fields=["votes_for", "approved"])
    process.members_total, process.members_present = members_total, members_present
    process.decision_date = decision_date
    process.state = S.DECIDED
    history_save(
        process,
        acting_user=acting_user,
        update_fields=["members_total", "members_present", "decision_date", "state"],
    )
    summary = _("Committee: %(present)s of %(total)s present; approved: %(names)s.") % {
        "present": members_present,
        "total": members_total,
        "names": "，".join(f"{c.cadre.name}（{c.votes_for}票）" for c in approved),
    }
    if not_approved:
        summary += " " + _("Not approved (one seat): %(names)s.") % {
            "names": "，".join(f"{c.cadre.name}（{c.votes_for}票）" for c in not_approved)
        }
    _event(process, "decision", summary, acting_user)
    return approved


@transaction.atomic
def selection_start_notice(
    *, process: SelectionProcess, start_date: datetime.date | None = None, acting_user: User
) -> SelectionProcess:
    """任前公示: the notice ends on the Nth working day counted from its start."""
    process = _lock(process)
    _require_state(process, S.DECIDED, step=_("Public notice"))
    start_date = start_date or timezone.localdate()
    step_date_ensure(step="notice", on=start_date, field="start_date", previous=process.decision_date)
    holidays, workdays = calendar_overrides()
    process.notice_start = start_date
    process.notice_end = add_working_days(
        start=start_date,
        days=selection_figures().notice_working_days,
        extra_holidays=holidays,
        extra_workdays=workdays,
    )
    process.state = S.NOTICE
    history_save(process, acting_user=acting_user, update_fields=["notice_start", "notice_end", "state"])
    summary = _("Public notice from %(start)s to %(end)s.") % {"start": start_date, "end": process.notice_end}
    _event(process, "notice", summary, acting_user)
    return process


@transaction.atomic
def selection_record_objection(
    *,
    process: SelectionProcess,
    cadre: Cadre,
    content: str,
    received_date: datetime.date | None = None,
    acting_user: User,
) -> Objection:
    """An objection received during the notice pauses the process until it is resolved."""
    process = _lock(process)
    _require_state(process, S.NOTICE, step=_("Objection"))
    _candidate(process, cadre)
    received_date = received_date or timezone.localdate()
    step_date_ensure(
        step="objections",
        on=received_date,
        field="received_date",
        previous=process.notice_start,
        until=process.notice_end,
    )
    objection = history_save(
        Objection(process=process, cadre=cadre, content=content, received_date=received_date),
        acting_user=acting_user,
    )
    _event(
        process,
        "objection",
        _("Objection about %(name)s received on %(date)s; the process is paused.")
        % {"name": cadre.name, "date": received_date},
        acting_user,
    )
    return objection


@transaction.atomic
def selection_resolve_objection(
    *,
    objection: Objection,
    resolution: str,
    upheld: bool,
    resolved_date: datetime.date | None = None,
    acting_user: User,
) -> Objection:
    """An upheld objection withdraws the candidate's approval."""
    process = _lock(objection.process)
    resolved_date = resolved_date or timezone.localdate()
    step_date_ensure(
        step="resolve", on=resolved_date, field="resolved_date", previous=objection.received_date
    )
    objection.resolution, objection.resolved_date = resolution, resolved_date
    history_save(objection, acting_user=acting_user, update_fields=["resolution", "resolved_date"])
    if upheld:
        process.candidates.filter(cadre=objection.cadre).update(approved=False)
    verdict = _("upheld: approval withdrawn") if upheld else _("not upheld")
    _event(
        process,
        "objection",
        _("Objection about %(name)s resolved (%(verdict)s): %(resolution)s")
        % {"name": objection.cadre.name, "verdict": verdict, "resolution": resolution},
        acting_user,
    )
    return objection


def _first_promotion_to(cadre: Cadre, post: Post) -> bool:
    return not cadre.appointments.filter(post__level__rank__lte=post.level.rank).exists()


@transaction.atomic
def selection_appoint(
    *,
    process: SelectionProcess,
    cadre: Cadre,
    document_no: str,
    start_date: datetime.date,
    acting_user: User,
    today: datetime.date | None = None,
) -> Appointment:
    """任职: after the notice ended with no open objection; closes the predecessor's appointment
    and sets a probation for a first promotion to the level."""
    process = _lock(process)
    _require_state(process, S.NOTICE, step=_("Appointment"))
    today = today or timezone.localdate()
    if today <= process.notice_end:
        raise RuleViolation(
            "start_date",
            _("The public notice runs until %(end)s.") % {"end": process.notice_end},
            "notice_not_ended",
        )
    step_date_ensure(step="appoint", on=start_date, field="start_date", previous=process.notice_end)
    if process.objections.filter(resolved_date__isnull=True).exists():
        raise RuleViolation("cadre", _("An objection is still open."), "objection_open")
    candidate = _candidate(process, cadre)
    if not candidate.approved:
        raise RuleViolation("cadre", _("%(name)s was not approved.") % {"name": cadre.name}, "not_approved")
    # As of today too: steps dated back to when a cadre blocked today was eligible appoint no one.
    for on in sorted({start_date, today}):
        recheck_eligibility(process=process, candidate=candidate, on=on)
    for predecessor in Appointment.objects.filter(post=process.post, end_date__isnull=True):
        appointment_end(
            appointment=predecessor, end_date=start_date, leave_reason=_("Succeeded"), acting_user=acting_user
        )
    appointment = Appointment(cadre=cadre, post=process.post, start_date=start_date, document_no=document_no)
    if _first_promotion_to(cadre, process.post):
        appointment.probation_end = add_months(start=start_date, months=selection_figures().probation_months)
        appointment.probation_result = ProbationResult.PENDING
    appointment = appointment_save(
        appointment=appointment, acting_user=acting_user, close_previous_primary=True
    )
    process.appointment = appointment
    process.state = S.APPOINTED if appointment.probation_end else S.CLOSED
    history_save(process, acting_user=acting_user, update_fields=["appointment", "state"])
    summary = _("%(name)s appointed as %(post)s from %(start)s (%(doc)s).") % {
        "name": cadre.name,
        "post": process.post,
        "start": start_date,
        "doc": document_no,
    }
    if appointment.probation_end:
        summary += " " + _("Probation until %(end)s.") % {"end": appointment.probation_end}
    _event(process, "appointment", summary, acting_user)
    return appointment


@transaction.atomic
def probation_review(
    *,
    appointment: Appointment,
    result: str,
    note: str = "",
    acting_user: User,
    on: datetime.date | None = None,
) -> Appointment:
    """试用期满考核: confirm, or reverse (the appointment ends on the review date)."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.probation_result != ProbationResult.PENDING:
        raise RuleViolation("result", _("This appointment has no pending probation."), "no_probation")
    ensure_unit_in_scope(acting_user, appointment.cadre.unit, field="appointment")
    appointment.probation_result = result
    history_save(appointment, acting_user=acting_user, update_fields=["probation_result"])
    if result == ProbationResult.REVERSED:
        appointment_end(
            appointment=appointment,
            end_date=on or timezone.localdate(),
            leave_reason=note or _("Probation not passed"),
            acting_user=acting_user,
        )
    process = SelectionProcess.objects.filter(appointment=appointment).first()
    if process:
        process.state = S.CLOSED
        history_save(process, acting_user=acting_user, update_fields=["state"])
        _event(
            process,
            "probation",
            _("Probation review: %(result)s. %(note)s")
            % {"result": appointment.get_probation_result_display(), "note": note},
            acting_user,
        )
    return appointment


# --- one seat: the decision approves at most the post's seats, each still eligible ---


class Vote(NamedTuple):
    candidate: SelectionCandidate
    votes_for: int
    index: int  # in the input, for the field of a refusal
    passes: bool  # reaches the majority


def _vote_outcomes(process, votes, *, members_total: int, members_present: int) -> list[Vote]:
    """Every vote with whether it reaches the majority; refused when no one does."""
    outcomes, failures = [], []
    for index, (cadre, votes_for) in enumerate(votes):
        candidate = _candidate(process, cadre, field=f"votes.{index}.cadre")
        if any(vote.candidate == candidate for vote in outcomes):
            raise RuleViolation(f"votes.{index}.cadre", _("The candidate is listed twice."), "invalid_counts")
        if votes_for > members_present:
            raise RuleViolation(f"votes.{index}.for", _("More votes than members present."), "invalid_counts")
        outcome = check_votes(members_total=members_total, votes_for=votes_for)
        outcomes.append(Vote(candidate, votes_for, index, bool(outcome)))
        if not outcome:
            failures.append(outcome)
    if not any(vote.passes for vote in outcomes):
        message = str(failures[-1].message) if votes else _("No votes were given.")
        raise RuleViolation("votes", message, "votes_insufficient")
    return outcomes


def _seat_cut(process, outcomes: list[Vote], *, on) -> tuple[list, list]:
    """(approved, not approved): at most the post's seats, most votes first, each eligible on `on`."""
    cut = seat_cut(passing=[(v.candidate, v.votes_for) for v in outcomes if v.passes], seats=POST_SEATS)
    if not cut:
        raise RuleViolation("votes", str(cut.message), cut.code, params=cut.params)
    for vote in outcomes:
        if vote.candidate in cut.approved:
            recheck_eligibility(
                process=process, candidate=vote.candidate, on=on, field=f"votes.{vote.index}.cadre"
            )
    return list(cut.approved), list(cut.not_approved)


@transaction.atomic
def selection_form_texts_save(
    *,
    candidate: SelectionCandidate,
    proposed_post: str,
    proposed_removal: str,
    appointment_reason: str,
    acting_user: User,
) -> SelectionCandidate:
    """HR's wording of 拟任职务, 拟免职务 and 任免理由 for the candidate's 干部任免审批表."""
    # Two HR staff editing the wording at once: the later save must see the earlier one's row.
    candidate = (
        SelectionCandidate.objects.select_for_update().select_related("cadre__unit").get(pk=candidate.pk)
    )
    ensure_unit_in_scope(acting_user, candidate.cadre.unit, field="cadre")
    for name, text in (("proposed_post", proposed_post), ("proposed_removal", proposed_removal)):
        limit = SelectionCandidate._meta.get_field(name).max_length
        if len(text.strip()) > limit:
            raise RuleViolation(
                name, _("At most %(limit)s characters.") % {"limit": limit}, "too_long", limit=limit
            )
    candidate.proposed_post = proposed_post.strip()
    candidate.proposed_removal = proposed_removal.strip()
    candidate.appointment_reason = appointment_reason.strip()
    return history_save(
        candidate,
        acting_user=acting_user,
        update_fields=["proposed_post", "proposed_removal", "appointment_reason"],
    )
