"""Reads of the four musts' records (凡提四必): the figures, the computed checks 档案必审 and
个人有关事项必核 (cadres.registry.CheckProvider), the concealment facts, the lists the jobs and
pages show. Personal-matters contents are read only through services.personal_matters.report_read."""

import datetime

from django.db.models import Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Appointment, Cadre, PostLevelTier, SelectionCandidate
from cadres.registry import CHECK_CLEAR, CHECK_OPEN, CheckState
from core.scope import scoped
from oversight.choices import FilingTier, MattersResult
from oversight.models import (
    DocumentLoan,
    ExitRegistration,
    FileReview,
    MattersCheck,
    MustsSettings,
    PersonalMattersReport,
    TravelDocument,
    TripRequest,
)
from oversight.rules.musts import (
    ConcealmentFact,
    FindingFact,
    concealment_bar_end,
    concealment_barring,
    file_review_counts,
    findings_open,
)

TIERS_FILING = {
    FilingTier.COLLEGE: (PostLevelTier.COLLEGE,),
    FilingTier.MIDDLE: (PostLevelTier.COLLEGE, PostLevelTier.MIDDLE),
    FilingTier.SECTION: (PostLevelTier.COLLEGE, PostLevelTier.MIDDLE, PostLevelTier.SECTION),
}
MIDDLE_AND_ABOVE = TIERS_FILING[FilingTier.MIDDLE]


def musts_settings() -> MustsSettings:
    return MustsSettings.objects.order_by("pk").first() or MustsSettings()


# ---- 档案必审 --------------------------------------------------------------------------------


def file_reviews_visible(*, user) -> QuerySet[FileReview]:
    return scoped(user, FileReview.objects.select_related("cadre__unit", "reviewer", "selection"))


def file_review_state(reviews: list[FileReview], *, candidate: SelectionCandidate, months: int) -> CheckState:
    on = timezone.localdate()
    counting = [
        r
        for r in reviews
        if file_review_counts(
            review_selection_id=r.selection_id,
            reviewed_on=r.reviewed_on,
            selection_id=candidate.process_id,
            on=on,
            months=months,
        )
    ]
    links = tuple(reverse("oversight:file-review-detail", args=[r.pk]) for r in counting)
    if not counting:
        if months:
            reason = _("No personnel-file review for this selection or within %(months)s months.") % {
                "months": months
            }
        else:
            reason = _("No personnel-file review done for this selection.")
        return CheckState(CHECK_OPEN, reason)
    clear = [r for r in counting if not r.is_open]
    if not clear:
        latest = counting[0]
        reason = _("The file review of %(date)s has %(n)s item(s) in doubt.") % {
            "date": latest.reviewed_on,
            "n": latest.open_doubts,
        }
        return CheckState(CHECK_OPEN, reason, links=links)
    return CheckState(
        CHECK_CLEAR,
        _("Personnel file reviewed on %(date)s.") % {"date": clear[0].reviewed_on},
        links=links,
        on=clear[0].reviewed_on,
    )


def file_review_check_states(*, candidates: list[SelectionCandidate]) -> dict[int, CheckState]:
    """档案必审 for many candidates (cadres.registry.CheckProvider.states), one query."""
    if not candidates:
        return {}
    months = musts_settings().file_review_months
    by_cadre: dict[int, list[FileReview]] = {}
    for review in FileReview.objects.filter(cadre_id__in={c.cadre_id for c in candidates}):
        by_cadre.setdefault(review.cadre_id, []).append(review)
    return {
        c.pk: file_review_state(by_cadre.get(c.cadre_id, []), candidate=c, months=months) for c in candidates
    }


# ---- 个人有关事项必核 ------------------------------------------------------------------------


def reports_visible(*, user) -> QuerySet[PersonalMattersReport]:
    return scoped(user, PersonalMattersReport.objects.select_related("cadre__unit"))


def filing_status(*, user, year: int) -> QuerySet[PersonalMattersReport]:
    """What a unit clerk sees: who must file this year, by when, and whether it came in."""
    return (
        reports_visible(user=user)
        .filter(year=year)
        .only(
            "id",
            "year",
            "due_on",
            "received_on",
            "cadre__id",
            "cadre__name",
            "cadre__unit__id",
            "cadre__unit__name",
        )
    )


def filers(*, on: datetime.date, tier: str) -> QuerySet[Cadre]:
    """The cadres who must file: holding a post at the settings' tier or above on `on`."""
    held = Appointment.objects.filter(start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=on)
    )
    held = held.filter(post__level__tier__in=TIERS_FILING[tier])
    return Cadre.objects.filter(pk__in=held.values("cadre_id")).select_related("unit")


def _checks_prefetch() -> Prefetch:
    return Prefetch("checks", queryset=MattersCheck.objects.prefetch_related("findings").order_by("-id"))


def papers_overdue_by_cadre(*, cadre_ids, on: datetime.date) -> dict[int, ExitRegistration]:
    rows = ExitRegistration.objects.filter(
        cadre_id__in=cadre_ids, ended_on__isnull=True, papers_handed_in__isnull=True, papers_due__lt=on
    )
    return {r.cadre_id: r for r in rows}


def matters_state(report: PersonalMattersReport | None, *, candidate: SelectionCandidate) -> CheckState:
    if report is None:
        return CheckState(CHECK_OPEN, _("No personal-matters report on record."))
    link = (reverse("oversight:matters-detail", args=[report.pk]),)
    done = [c for c in report.checks.all() if c.selection_id == candidate.process_id and c.checked_on]
    if not done:
        reason = _("The %(year)s report has not been checked for this selection.") % {"year": report.year}
        return CheckState(CHECK_OPEN, reason, links=link)
    check = done[0]
    concealed, omitted = findings_open(
        FindingFact(f.result, f.resolved_on is not None) for f in check.findings.all()
    )
    if concealed:
        return CheckState(CHECK_OPEN, _("The check found a concealed matter (瞒报)."), links=link)
    if omitted:
        reason = _("The check found %(n)s omission(s) (漏报) not yet resolved.") % {"n": omitted}
        return CheckState(CHECK_OPEN, reason, links=link)
    reason = _("The %(year)s report was checked on %(date)s.") % {
        "year": report.year,
        "date": check.checked_on,
    }
    return CheckState(CHECK_CLEAR, reason, links=link, on=check.checked_on)


def matters_check_states(*, candidates: list[SelectionCandidate]) -> dict[int, CheckState]:
    """个人有关事项必核 for many candidates: the latest report of each, checked for this selection
    with no 瞒报 and no unresolved 漏报. Papers not handed in after a promotion are a warning."""
    if not candidates:
        return {}
    cadre_ids = {c.cadre_id for c in candidates}
    latest = {
        r.cadre_id: r
        for r in PersonalMattersReport.objects.filter(cadre_id__in=cadre_ids)
        .order_by("cadre_id", "year")
        .prefetch_related(_checks_prefetch())
    }
    overdue = papers_overdue_by_cadre(cadre_ids=cadre_ids, on=timezone.localdate())
    states = {}
    for c in candidates:
        state = matters_state(latest.get(c.cadre_id), candidate=c)
        if (registration := overdue.get(c.cadre_id)) is not None:
            warning = _(
                "Travel papers due into custody on %(date)s have not been handed in (a warning only)."
            )
            state = CheckState(
                state.state, state.reason, warning % {"date": registration.papers_due}, state.links, state.on
            )
        states[c.pk] = state
    return states


def concealment_facts(*, cadre: Cadre, on: datetime.date) -> tuple[ConcealmentFact, ...]:
    """The concealments (瞒报) found in the cadre's reports, for the eligibility rule."""
    months = musts_settings().concealment_bar_months
    dates = (
        MattersCheck.objects.filter(report__cadre=cadre, findings__result=MattersResult.CONCEALED)
        .exclude(checked_on__isnull=True)
        .values_list("checked_on", flat=True)
        .distinct()
    )
    return tuple(ConcealmentFact(d, concealment_bar_end(checked_on=d, months=months)) for d in dates)


def concealment_reserve_refusal(*, cadre: Cadre, on: datetime.date) -> str:
    """cadres.registry.ReserveGuard: a concealment bars the reserve pool as it bars promotion."""
    barring = concealment_barring(facts=concealment_facts(cadre=cadre, on=on), on=on)
    if barring is None:
        return ""
    return _(
        "%(name)s concealed a personal matter (check of %(date)s): not in the reserve pool until %(end)s."
    ) % {
        "name": cadre.name,
        "date": barring.checked_on,
        "end": barring.bar_end,
    }


def filing_year_reports(*, year: int) -> QuerySet[PersonalMattersReport]:
    return PersonalMattersReport.objects.filter(year=year).select_related("cadre__unit")


def latest_report(*, cadre: Cadre) -> PersonalMattersReport | None:
    return PersonalMattersReport.objects.filter(cadre=cadre).order_by("-year").first()


# ---- 因私出国(境) ----------------------------------------------------------------------------


def documents_visible(*, user) -> QuerySet[TravelDocument]:
    return scoped(user, TravelDocument.objects.select_related("cadre__unit")).annotate(
        lent_since=Max("loans__lent_on", filter=Q(loans__returned_on__isnull=True))
    )


def trips_visible(*, user) -> QuerySet[TripRequest]:
    return scoped(user, TripRequest.objects.select_related("cadre__unit")).prefetch_related("approvals")


def registrations_visible(*, user) -> QuerySet[ExitRegistration]:
    return scoped(user, ExitRegistration.objects.select_related("cadre__unit"))


def loans_due(*, on: datetime.date, days: int = 2) -> QuerySet[DocumentLoan]:
    """Lent papers due back within `days` or overdue."""
    return DocumentLoan.objects.filter(
        returned_on__isnull=True, due_back__lte=on + datetime.timedelta(days=days)
    ).select_related("document__cadre__unit")


def documents_expiring(*, on: datetime.date, days: int) -> QuerySet[TravelDocument]:
    """Held documents expiring within `days` of `on` (the yearly list uses the year's end)."""
    return TravelDocument.objects.filter(
        released_on__isnull=True, expires_on__lte=on + datetime.timedelta(days=days)
    ).select_related("cadre__unit")


def registrations_overdue(*, on: datetime.date) -> QuerySet[ExitRegistration]:
    return ExitRegistration.objects.filter(
        ended_on__isnull=True, papers_handed_in__isnull=True, papers_due__lt=on
    ).select_related("cadre__unit")
