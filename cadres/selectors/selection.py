"""Reads for the selection workflow and the reserve pool."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import (
    Appointment,
    Cadre,
    InspectionCheck,
    Objection,
    Post,
    PostQuota,
    ReserveCadre,
    SelectionCandidate,
    SelectionProcess,
    SelectionState,
)
from cadres.models.appointment import QUOTA_KINDS
from cadres.rules.eligibility import evaluate
from cadres.selectors.appointments import held_on
from cadres.selectors.eligibility import cadre_facts, reasons_as_data, selection_figures, target_post
from cadres.selectors.org import filled_counts
from core.scope import scoped


def selections_visible(*, user):
    return scoped(user, SelectionProcess.objects.select_related("post__unit", "post__level", "created_by"))


def selection_detail_queryset(*, user):
    candidates = SelectionCandidate.objects.select_related("cadre", "override_by").prefetch_related(
        Prefetch("checks", queryset=InspectionCheck.objects.order_by("kind"))
    )
    return selections_visible(user=user).prefetch_related(
        Prefetch("candidates", queryset=candidates),
        Prefetch("objections", queryset=Objection.objects.select_related("cadre")),
        "events__actor",
        "recommendations__votes__cadre",
    )


def reserve_eligibility(*, user, reserve: ReserveCadre, on: datetime.date) -> list[dict]:
    """The reserve's eligibility against every active post of the target level in the user's scope."""
    facts = cadre_facts(cadre=reserve.cadre, on=on)
    figures = selection_figures()
    posts = scoped(user, Post.objects.filter(level=reserve.target_level, active=True))
    posts = (
        posts.select_related("unit", "level")
        .prefetch_related("supervised_units")
        .order_by("unit__path", "order")
    )
    rows = []
    for post in posts:
        result = evaluate(facts=facts, target=target_post(post), on=on, figures=figures)
        rows.append(
            {"post": post, "eligible": result.eligible, "reasons": reasons_as_data(result, user=user)}
        )
    return rows


@dataclass(frozen=True)
class FormTexts:
    """拟任职务, 拟免职务 and 任免理由 of the 干部任免审批表, and the candidate they come from."""

    proposed_post: str = ""
    proposed_removal: str = ""
    reason: str = ""
    candidate: SelectionCandidate | None = None


FORM_STATES = (SelectionState.DECIDED, SelectionState.NOTICE, SelectionState.APPOINTED)


def form_candidate(*, cadre: Cadre) -> SelectionCandidate | None:
    """The cadre as an approved candidate of the latest process decided, in notice or appointed."""
    return (
        SelectionCandidate.objects.filter(cadre=cadre, approved=True, process__state__in=FORM_STATES)
        .select_related("process__post__unit", "process__appointment")
        .order_by("-process__created_at", "-id")
        .first()
    )


def _removal_text(candidate: SelectionCandidate, *, on: datetime.date) -> str:
    """The primary posts the appointment ends (or, once appointed, ended) — 免去原职务."""
    process = candidate.process
    appointments = Appointment.objects.filter(cadre=candidate.cadre, is_primary=True)
    appointments = appointments.exclude(post=process.post)
    if process.appointment is not None:
        appointments = appointments.filter(end_date=process.appointment.start_date)
    else:
        appointments = appointments.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=on)
        )
    return "、".join(f"{a.post.unit.name}{a.post.title}" for a in appointments.select_related("post__unit"))


def form_texts(*, cadre: Cadre, on: datetime.date) -> FormTexts:
    """HR's stored wording where given, else the process's post, the posts it ends and its analysis."""
    candidate = form_candidate(cadre=cadre)
    if candidate is None:
        return FormTexts()
    post = candidate.process.post
    default_reason = candidate.process.analysis.strip() or _(
        "Owing to the needs of the work; decided by the Party committee after the selection procedure."
    )
    return FormTexts(
        proposed_post=candidate.proposed_post or f"{post.unit.name}{post.title}",
        proposed_removal=candidate.proposed_removal or _removal_text(candidate, on=on),
        reason=candidate.appointment_reason or default_reason,
        candidate=candidate,
    )


def selection_start_warnings(*, user, process: SelectionProcess) -> list[dict]:
    """What HR should heed when a selection starts, as `{code, message}`: the post is held
    (`post_held`, naming the holder only when he is in the user's scope), and the unit's quota for
    the post's level is full on the vacancy date (`quota_full`) without this post's seat."""
    post = process.post
    on = process.vacancy_date or timezone.localdate()
    warnings = []
    holders = Appointment.objects.filter(post=post, end_date__isnull=True).select_related("cadre")
    visible = set(
        scoped(user, Cadre.objects.filter(pk__in=[a.cadre_id for a in holders])).values_list("pk", flat=True)
    )
    for holder in holders:
        name = holder.cadre.name if holder.cadre_id in visible else _("a cadre outside your scope")
        message = _("%(post)s is held by %(name)s; it is vacant from %(date)s.") % {
            "post": post.title,
            "name": name,
            "date": process.vacancy_date or "—",
        }
        warnings.append({"code": "post_held", "message": message})
    quota = PostQuota.objects.filter(unit_id=post.unit_id, level_id=post.level_id).first()
    if quota is not None:
        filled = filled_counts(unit_ids=[post.unit_id], on=on).get((post.unit_id, post.level_id), 0)
        others = filled - Appointment.objects.filter(held_on(on), post=post, kind__in=QUOTA_KINDS).exists()
        if others >= quota.approved:
            message = _(
                "The quota of %(unit)s for %(level)s is full on %(date)s: "
                "%(filled)s of %(approved)s posts are held besides this one."
            ) % {
                "unit": post.unit.name,
                "level": post.level.name,
                "date": on,
                "filled": others,
                "approved": quota.approved,
            }
            warnings.append({"code": "quota_full", "message": message})
    return warnings
