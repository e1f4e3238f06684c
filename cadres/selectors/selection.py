"""Reads for the selection workflow and the reserve pool."""

import datetime

from django.db.models import Prefetch

from cadres.models import InspectionCheck, Objection, Post, ReserveCadre, SelectionCandidate, SelectionProcess
from cadres.rules.eligibility import evaluate
from cadres.selectors.eligibility import cadre_facts, reasons_as_data, selection_figures, target_post
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
