"""One selection process (选拔任用) for one post, through the steps of the 2019 regulations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cadres.models.appointment import Appointment
from cadres.models.cadre import Cadre
from cadres.models.org import Post, PostLevel


class SelectionState(models.TextChoices):
    INITIATED = "initiated", _("Initiated")
    RECOMMENDATION = "recommendation", _("Democratic recommendation")
    INSPECTION = "inspection", _("Inspection")
    DECIDED = "decided", _("Decided by the committee")
    NOTICE = "notice", _("Public notice")
    APPOINTED = "appointed", _("Appointed")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A process in one of these states is under way: one per post, listed as open on the home page;
# it may be withdrawn (and then a new one may start for the post).
OPEN_SELECTION_STATES = (
    SelectionState.INITIATED,
    SelectionState.RECOMMENDATION,
    SelectionState.INSPECTION,
    SelectionState.DECIDED,
    SelectionState.NOTICE,
)


class SelectionProcess(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="selections"
    )
    state = models.CharField(_("state"), max_length=20, choices=SelectionState.choices, default="initiated")
    analysis = models.TextField(_("analysis and initiation"), blank=True)
    method = models.CharField(_("scope and method"), max_length=200, blank=True)
    members_total = models.PositiveSmallIntegerField(_("committee members"), null=True, blank=True)
    members_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    notice_start = models.DateField(_("notice start"), null=True, blank=True)
    notice_end = models.DateField(_("notice end"), null=True, blank=True)
    vacancy_date = models.DateField(
        _("vacancy date"),
        null=True,
        blank=True,
        help_text=_("When the post is held: the date it will be vacant."),
    )
    appointment = models.OneToOneField(
        Appointment,
        verbose_name=_("appointment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    history = HistoricalRecords()

    scope_path = "post__unit__path"

    class Meta:
        verbose_name = _("selection process")
        verbose_name_plural = _("selection processes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_present__isnull=True) | Q(members_present__lte=models.F("members_total")),
                name="selection_present_not_above_total",
                violation_error_message=_("The members present cannot be more than the members in total."),
                violation_error_code="present_above_total",
            ),
            models.CheckConstraint(
                condition=Q(notice_end__isnull=True) | Q(notice_end__gte=models.F("notice_start")),
                name="selection_notice_ends_after_start",
                violation_error_message=_("The notice cannot end before it starts."),
                violation_error_code="notice_end_before_start",
            ),
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(state__in=OPEN_SELECTION_STATES),
                name="selection_one_open_process_per_post",
                violation_error_message=_("The post already has an open selection process."),
                violation_error_code="open_process_exists",
            ),
        ]

    def __str__(self):
        return f"{self.post} · {self.get_state_display()}"


class SelectionCandidate(models.Model):
    process = models.ForeignKey(
        SelectionProcess,
        verbose_name=_("selection process"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+")
    added_date = models.DateField(_("chosen on"), default=timezone.localdate)
    override_reason = models.TextField(_("exceptional promotion reason"), blank=True)
    override_document = models.CharField(
        _("consent document number"),
        max_length=100,
        blank=True,
        help_text=_("The higher organisation department's consent to the exceptional promotion."),
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exceptional promotion recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    override_at = models.DateTimeField(_("exceptional promotion recorded at"), null=True, blank=True)
    relaxed_codes = models.JSONField(_("relaxed conditions"), default=list, blank=True)
    eligibility = models.JSONField(_("eligibility when added"), default=list, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    approved = models.BooleanField(pgettext_lazy("candidate", "approved"), default=False)
    # HR's wording for the 干部任免审批表; empty means the text derived from the process.
    proposed_post = models.CharField(_("proposed post"), max_length=200, blank=True)
    proposed_removal = models.CharField(_("proposed removal"), max_length=200, blank=True)
    appointment_reason = models.TextField(_("appointment reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection candidate")
        verbose_name_plural = _("inspection candidates")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "cadre"],
                name="candidate_once_per_process",
                violation_error_message=_("The cadre is already a candidate of this selection."),
                violation_error_code="candidate_exists",
            )
        ]

    def __str__(self):
        return str(self.cadre)


class RecommendationKind(models.TextChoices):
    MEETING = "meeting", _("Meeting recommendation")
    TALK = "talk", _("Talk recommendation")


class Recommendation(models.Model):
    process = models.ForeignKey(
        SelectionProcess,
        verbose_name=_("selection process"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RecommendationKind.choices)
    participants = models.PositiveIntegerField(_("participants"))
    date = models.DateField(_("date"), default=timezone.localdate)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("democratic recommendation")
        verbose_name_plural = _("democratic recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gt=0),
                name="recommendation_has_participants",
                violation_error_message=_("A recommendation needs at least one participant."),
                violation_error_code="no_participants",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.participants}"


class RecommendationVote(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="votes")
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("votes"))

    class Meta:
        verbose_name = _("recommendation vote")
        verbose_name_plural = _("recommendation votes")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "cadre"],
                name="vote_once_per_cadre",
                violation_error_message=_("The cadre already has votes in this recommendation."),
                violation_error_code="vote_exists",
            )
        ]

    def __str__(self):
        return f"{self.cadre} {self.count}"


class CheckKind(models.TextChoices):
    """The four musts (凡提四必)."""

    FILE_REVIEW = "file_review", _("Personnel file reviewed")
    PERSONAL_MATTERS = "personal_matters", _("Personal-matters report checked")
    INTEGRITY_OPINION = "integrity_opinion", _("Discipline office's integrity opinion heard")
    COMPLAINTS = "complaints", _("Specific complaints checked")


class CheckResult(models.TextChoices):
    CLEAR = "clear", _("Clear")
    ISSUE = "issue", _("Issue found")


class InspectionCheck(models.Model):
    candidate = models.ForeignKey(
        SelectionCandidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="checks"
    )
    kind = models.CharField(_("check"), max_length=20, choices=CheckKind.choices)
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    note = models.TextField(_("note"), blank=True)
    check_date = models.DateField(_("checked on"), default=timezone.localdate)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now=True)
    override = models.BooleanField(
        _("administrator's override"),
        default=False,
        help_text=_("A computed check cleared by an administrator, the reason in the note."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection check")
        verbose_name_plural = _("inspection checks")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "kind"],
                name="check_once_per_candidate",
                violation_error_message=_("This check of the candidate is already recorded."),
                violation_error_code="check_exists",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_result_display()}"


class Objection(models.Model):
    process = models.ForeignKey(
        SelectionProcess,
        verbose_name=_("selection process"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("content"))
    received_date = models.DateField(_("received"))
    resolved_date = models.DateField(_("resolved"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["received_date"]

    def __str__(self):
        return f"{self.cadre} {self.received_date}"


class ProcessEvent(models.Model):
    """The process record (纪实): who did what, when."""

    process = models.ForeignKey(SelectionProcess, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=30)
    summary = models.TextField(_("summary"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("process record entry")
        verbose_name_plural = _("process record")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.step}"


class ReserveStatus(models.TextChoices):
    ACTIVE = "active", _("In the pool")
    APPOINTED = "appointed", _("Appointed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReserveCadre(models.Model):
    """A cadre in the reserve pool (后备干部) for a target level."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="reserves"
    )
    target_level = models.ForeignKey(PostLevel, verbose_name=_("target level"), on_delete=models.PROTECT)
    nomination_date = models.DateField(_("nomination date"))
    development_plan = models.TextField(_("development plan"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReserveStatus.choices, default="active")
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("reserve cadre")
        verbose_name_plural = _("reserve cadres")
        ordering = ["target_level__rank", "nomination_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "target_level"],
                condition=Q(status="active"),
                name="reserve_once_per_level",
                violation_error_message=_("The cadre is already in the reserve pool for this level."),
                violation_error_code="reserve_exists",
            )
        ]

    def __str__(self):
        return f"{self.cadre} → {self.target_level}"
