"""Writes of personal-matters reports (个人有关事项报告): filing, the random draw, targeted checks,
findings and their handling; and the one way to read a report's contents (report_read), which
writes a row in core's read log every time."""

import calendar
import datetime
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, SelectionCandidate, SelectionProcess
from core.actors import is_system_actor
from core.errors import RuleViolation
from core.models import ReadChannel, ReadKind, User
from core.readlog import read_log
from core.scope import ensure_unit_in_scope, scoped
from core.services import history_save, record_save
from core.visibility import PERSONAL_MATTERS, may_see
from oversight.choices import MattersCheckKind, MattersHandling, MattersResult, MattersTarget
from oversight.models import (
    MattersCheck,
    MattersFinding,
    MattersItem,
    PersonalMattersReport,
    RandomDraw,
    Sanction,
)
from oversight.rules.musts import draw_sample
from oversight.selectors.musts import filers, latest_report, musts_settings
from oversight.services.sanctions import sanction_save


def _supervision_only(user: User) -> None:
    if not (is_system_actor(user) or may_see(user, PERSONAL_MATTERS)):
        raise PermissionDenied(_("Only supervision staff handle personal-matters reports."))


def _not_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleViolation(field, _("The day cannot be in the future."), "in_future")


def filing_due(*, year: int) -> datetime.date:
    """The day the year's report is due; a day past the month's end (31 in February) is its last day."""
    figures = musts_settings()
    last = calendar.monthrange(year, figures.filing_due_month)[1]
    return datetime.date(year, figures.filing_due_month, min(figures.filing_due_day, last))


@transaction.atomic
def report_record(
    *,
    cadre: Cadre,
    year: int,
    acting_user: User,
    received_on: datetime.date | None = None,
    items: list[dict] | None = None,
) -> PersonalMattersReport:
    """A cadre's report of `year`, due as the settings say; received when `received_on` is given;
    `items` ({kind, content}) replace the reported items."""
    _supervision_only(acting_user)
    _not_future(received_on, "received_on")
    ensure_unit_in_scope(acting_user, cadre.unit, field="cadre")
    report = PersonalMattersReport.objects.select_for_update().filter(cadre=cadre, year=year).first()
    if report is None:
        report = PersonalMattersReport(cadre=cadre, year=year, due_on=filing_due(year=year))
    if received_on is not None:
        report.received_on = received_on
    record_save(report, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")
    if items is not None:
        report.items.all().delete()
        for row in items:
            history_save(
                MattersItem(report=report, kind=row["kind"], content=row.get("content", "")),
                acting_user=acting_user,
            )
    return report


@transaction.atomic
def filing_season_open(*, year: int, on: datetime.date, acting_user: User) -> int:
    """Make the year's pending report of every cadre who must file (holding a post at the tier on
    `on`); safe to run twice."""
    figures = musts_settings()
    due = filing_due(year=year)
    have = set(PersonalMattersReport.objects.filter(year=year).values_list("cadre_id", flat=True))
    made = 0
    for cadre in filers(on=on, tier=figures.filing_tier).exclude(pk__in=have):
        history_save(PersonalMattersReport(cadre=cadre, year=year, due_on=due), acting_user=acting_user)
        made += 1
    return made


def report_read(
    *,
    report: PersonalMattersReport,
    user: User,
    channel: str,
    purpose: str = "",
    request: HttpRequest | None = None,
) -> PersonalMattersReport:
    """调阅: the report with its items and checks, for supervision staff only; every read is a
    row in the read log (core.readlog), whatever the channel."""
    if not may_see(user, PERSONAL_MATTERS):
        raise PermissionDenied(_("Only supervision staff read personal-matters reports."))
    read_log(
        user=user,
        kind=ReadKind.PERSONAL_MATTERS,
        channel=ReadChannel(channel),
        record=report,
        purpose=purpose,
        request=request,
    )
    return report


@transaction.atomic
def random_draw(*, year: int, acting_user: User, seed: str = "") -> RandomDraw:
    """随机抽查: draw the configured share of the year's received reports in the actor's scope,
    with `seed` (a fresh random one when empty) recorded so the draw can be repeated; each drawn
    report gets a pending random check."""
    _supervision_only(acting_user)
    seed = seed.strip() or secrets.token_hex(8)
    share = musts_settings().random_share_percent
    received = PersonalMattersReport.objects.filter(year=year, received_on__isnull=False)
    if not is_system_actor(acting_user):  # the system actor (seeding, jobs) draws from everyone
        received = scoped(acting_user, received)
    population = list(received.values_list("pk", flat=True))
    if not population:
        raise RuleViolation("year", _("No report of this year has been received."), "no_reports")
    draw = RandomDraw(
        year=year,
        drawn_on=timezone.localdate(),
        seed=seed,
        share_percent=share,
        population=len(population),
        population_ids=sorted(population),
        drawn_ids=draw_sample(population=population, share_percent=share, seed=seed),
        drawn_by=acting_user,
    )
    history_save(draw, acting_user=acting_user)
    for pk in draw.drawn_ids:
        history_save(
            MattersCheck(report_id=pk, kind=MattersCheckKind.RANDOM, draw=draw), acting_user=acting_user
        )
    return draw


def targeted_check_for_candidate(*, candidate: SelectionCandidate, acting_user: User) -> None:
    """cadres.registry.CheckProvider.request: 凡提必核 — the candidate's latest report gets a
    pending targeted check for the selection, in the transaction adding the candidate."""
    report = latest_report(cadre=candidate.cadre)
    if report is None or report.checks.filter(selection=candidate.process).exists():
        return
    check = MattersCheck(
        report=report,
        kind=MattersCheckKind.TARGETED,
        target=MattersTarget.PROMOTION,
        selection=candidate.process,
    )
    history_save(check, acting_user=acting_user)


def _findings_check(findings: list[dict]) -> None:
    seen = set()
    for index, row in enumerate(findings):
        if row["item"] in seen:
            message = _("This item already has a finding in the check.")
            raise RuleViolation(f"findings.{index}.item", message, "finding_exists")
        seen.add(row["item"])


@transaction.atomic
def matters_check_record(
    *,
    report: PersonalMattersReport,
    kind: str,
    checked_on: datetime.date,
    findings: list[dict],
    acting_user: User,
    selection: SelectionProcess | None = None,
    target: str = "",
    comparison_date: datetime.date | None = None,
) -> MattersCheck:
    """The result of a check ({item, result, note} per item compared): fills the pending check
    of the same kind (and selection) when there is one, else records a new one."""
    _supervision_only(acting_user)
    report = PersonalMattersReport.objects.select_for_update().select_related("cadre__unit").get(pk=report.pk)
    ensure_unit_in_scope(acting_user, report.cadre.unit, field="report")
    _not_future(checked_on, "checked_on")
    _not_future(comparison_date, "comparison_date")
    if report.received_on is None:
        raise RuleViolation("report", _("The report has not been received yet."), "not_received")
    if selection is not None and not selection.candidates.filter(cadre=report.cadre).exists():
        raise RuleViolation(
            "selection", _("The cadre is not a candidate of this selection."), "not_a_candidate"
        )
    if kind == MattersCheckKind.TARGETED and not target:
        target = MattersTarget.PROMOTION if selection is not None else MattersTarget.KEY_POST
    if kind == MattersCheckKind.RANDOM:
        target, selection = "", None
    _findings_check(findings)
    pending = report.checks.filter(kind=kind, selection=selection, checked_on__isnull=True).first()
    check = pending or MattersCheck(report=report, kind=kind, selection=selection)
    check.target = target
    check.checked_on, check.checked_by, check.comparison_date = checked_on, acting_user, comparison_date
    record_save(check, acting_user=acting_user, unit=report.cadre.unit, scope_field="report")
    check.findings.all().delete()
    for row in findings:
        finding = MattersFinding(
            check_row=check, item=row["item"], result=row["result"], note=row.get("note", "")
        )
        history_save(finding, acting_user=acting_user)
    return check


@transaction.atomic
def finding_resolve(
    *, finding: MattersFinding, resolved_on: datetime.date, acting_user: User
) -> MattersFinding:
    """An omission (漏报) explained and corrected; a concealment (瞒报) is never resolved this way."""
    _supervision_only(acting_user)
    finding = (
        MattersFinding.objects.select_for_update()
        .select_related("check_row__report__cadre__unit")
        .get(pk=finding.pk)
    )
    if finding.result != MattersResult.OMITTED:
        raise RuleViolation("finding", _("Only an omission is resolved."), "not_an_omission")
    if finding.resolved_on is not None:
        raise RuleViolation("finding", _("The omission is already resolved."), "already_resolved")
    _not_future(resolved_on, "resolved_on")
    if finding.check_row.checked_on and resolved_on < finding.check_row.checked_on:
        raise RuleViolation("resolved_on", _("An omission is resolved after the check."), "before_check")
    finding.resolved_on = resolved_on
    return record_save(
        finding, acting_user=acting_user, unit=finding.check_row.report.cadre.unit, scope_field="finding"
    )


@transaction.atomic
def check_handle(
    *,
    check: MattersCheck,
    handling: str,
    acting_user: User,
    note: str = "",
    sanction_kind: str = "",
    decision_date: datetime.date | None = None,
    document_no: str = "",
) -> MattersCheck:
    """The handling of a check's findings (批评教育, 诫勉, 取消提拔资格 …); `sanction` (with a
    `sanction_kind` and `decision_date`) records a Sanction through oversight's own service, so
    its effect period follows the table in force."""
    _supervision_only(acting_user)
    check = MattersCheck.objects.select_for_update().select_related("report__cadre__unit").get(pk=check.pk)
    if check.checked_on is None:
        raise RuleViolation("check", _("Record the check's findings before its handling."), "not_checked")
    if handling not in MattersHandling.values:
        raise RuleViolation("handling", _("Choose a handling."), "invalid_choice")
    if handling == MattersHandling.SANCTION:
        if check.sanction_id:
            raise RuleViolation(
                "handling", _("A sanction is already recorded for this check."), "sanction_exists"
            )
        if not sanction_kind or decision_date is None:
            message = _("A sanction needs its kind and decision date.")
            raise RuleViolation("sanction_kind", message, "required")
        sanction = Sanction(
            cadre=check.report.cadre,
            kind=sanction_kind,
            decision_date=decision_date,
            document_no=document_no,
            reason=_("Personal-matters report %(year)s: %(note)s")
            % {"year": check.report.year, "note": note},
        )
        check.sanction = sanction_save(sanction=sanction, acting_user=acting_user)
    check.handling, check.handling_note = handling, note
    return record_save(check, acting_user=acting_user, unit=check.report.cadre.unit, scope_field="check")
