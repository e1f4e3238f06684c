from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from training import choices as c


def _check(condition: Q, name: str, code: str, message) -> models.CheckConstraint:
    """A check constraint whose violation is a field-less error with a stable code."""
    return models.CheckConstraint(
        condition=condition, name=name, violation_error_code=code, violation_error_message=message
    )


HOURS = {"max_digits": 6, "decimal_places": 1, "validators": [MinValueValidator(Decimal(0))]}


class TrainingSettings(models.Model):
    """The one row of training figures (培训参数), edited by an administrator."""

    year_hours = models.DecimalField(
        _("hours a year (section level and below)"), default=c.DEFAULT_YEAR_HOURS, **HOURS
    )
    year_days = models.PositiveSmallIntegerField(_("or days a year"), default=c.DEFAULT_YEAR_DAYS)
    five_year_hours = models.DecimalField(
        _("hours in five years (county level and above)"), default=c.DEFAULT_FIVE_YEAR_HOURS, **HOURS
    )
    five_year_days = models.PositiveSmallIntegerField(
        _("or full-time days in five years"), default=c.DEFAULT_FIVE_YEAR_DAYS
    )
    online_hours = models.DecimalField(_("online hours a year"), default=c.DEFAULT_ONLINE_HOURS, **HOURS)
    window_mode = models.CharField(
        _("five-year window"), max_length=10, choices=c.WindowMode.choices, default=c.WindowMode.ROLLING
    )
    planning_start_year = models.PositiveSmallIntegerField(
        _("first year of a planning period"), default=c.DEFAULT_PLANNING_START_YEAR
    )
    grace_months = models.PositiveSmallIntegerField(
        _("months after promotion to complete"), default=c.DEFAULT_GRACE_MONTHS
    )
    monthly_unit_kinds = models.JSONField(
        _("unit kinds that owe a monthly study"), default=c.default_monthly_unit_kinds, blank=True
    )
    exempt_months = models.JSONField(
        _("months without monthly study"),
        default=c.default_exempt_months,
        blank=True,
        help_text=_("Month numbers (1–12) of the vacations, e.g. [2, 8]."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training figures")
        verbose_name_plural = _("training figures")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="trainingsettings_single_row")]

    def __str__(self):
        return str(_("training figures"))


class SourceCredit(models.Model):
    """Which requirement a source kind's hours count toward (计入学时), editable by an administrator."""

    source = models.CharField(_("source"), max_length=30, choices=c.SOURCE_CHOICES, unique=True)
    counts_toward_year = models.BooleanField(_("counts toward the yearly hours"))
    counts_toward_five_year = models.BooleanField(_("counts toward the five-year hours"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source credit")
        verbose_name_plural = _("source credits")
        ordering = ["source"]

    def __str__(self):
        return self.get_source_display()


class StudySession(models.Model):
    """A theory study session (理论学习): 第一议题, 中心组, monthly unit study, lecture, party-spirit trip."""

    kind = models.CharField(_("kind"), max_length=30, choices=c.SessionKind.choices)
    date = models.DateField(_("date"), db_index=True)
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="study_sessions"
    )
    topic = models.CharField(_("topic"), max_length=200)
    material_title = models.CharField(_("material studied"), max_length=200, blank=True)
    material_source = models.CharField(_("material source"), max_length=200, blank=True)
    material_date = models.DateField(_("date of the speech or document"), null=True, blank=True)
    leader = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("study leader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_study_sessions",
    )
    hours = models.DecimalField(_("hours"), default=Decimal(0), **HOURS)
    place = models.CharField(_("place"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="training/sessions/", blank=True)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-date", "unit__path"]
        indexes = [models.Index(fields=["kind", "date", "unit"], name="studysession_kind_date_unit")]
        constraints = [
            _check(
                Q(hours__gte=0),
                "studysession_hours_not_negative",
                "hours_negative",
                _("Hours cannot be negative."),
            )
        ]

    def __str__(self):
        return f"{self.date} {self.unit} {self.topic}"


class StudyAttendance(models.Model):
    session = models.ForeignKey(
        StudySession, verbose_name=_("study session"), on_delete=models.CASCADE, related_name="attendances"
    )
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="study_attendances"
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=c.Attendance.choices, default=c.Attendance.PRESENT
    )
    history = HistoricalRecords()

    scope_path = "session__unit__path"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["session", "cadre"], name="studyattendance_once")]

    def __str__(self):
        return f"{self.cadre} {self.get_attendance_display()}"


class FollowUpTask(models.Model):
    """A task a 第一议题 assigned (落实任务); oversight's supervised tasks may point at it generically."""

    session = models.ForeignKey(
        StudySession, verbose_name=_("study session"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    description = models.CharField(_("task"), max_length=300)
    owner_unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="study_follow_ups",
    )
    deadline = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path = "owner_unit__path"

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.description

    def get_absolute_url(self) -> str:
        # What oversight's supervised tasks (督办) link to through their generic relation.
        from django.urls import reverse

        return reverse("training:follow-up-edit", args=[self.pk])


class TrainingProgramme(models.Model):
    """A training programme (培训班), an online course or a self-reported external training.

    HR's programmes are a catalogue that belongs to no unit (its participants do, and they are
    what is scoped). A unit clerk may report an online course or an external training of their
    unit (`reporting_unit`): it is seen and changed within that unit's scope, and its
    participants count once HR confirms them."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=c.ProgrammeKind.choices)
    organiser = models.CharField(_("organiser"), max_length=10, choices=c.Organiser.choices)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    party_school = models.BooleanField(_("party school or cadre college"), default=False)
    recognised = models.BooleanField(
        _("recognised institution"),
        default=False,
        help_text=_(
            "Party schools and institutions the training authority recognises: "
            "counts toward the five-year hours."
        ),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), db_index=True)
    hours = models.DecimalField(_("hours"), **HOURS)
    place = models.CharField(_("place"), max_length=100, blank=True)
    reporting_unit = models.ForeignKey(
        "cadres.OrgUnit",
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The unit whose clerk reported the training; empty for HR's catalogue."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["-start_date", "pk"]
        constraints = [
            _check(
                Q(end_date__gte=F("start_date")),
                "programme_ends_after_start",
                "programme_ends_after_start",
                _("The programme cannot end before it starts."),
            ),
            _check(
                Q(hours__gt=0),
                "programme_hours_positive",
                "hours_not_positive",
                _("Give the programme's hours."),
            ),
        ]

    def __str__(self):
        return self.title


class ProgrammeParticipant(models.Model):
    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("training programme"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    cadre = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("cadre"),
        on_delete=models.PROTECT,
        related_name="programme_participations",
    )
    completed = models.BooleanField(_("completed"), default=True)
    hours = models.DecimalField(
        _("hours credited"), null=True, blank=True, help_text=_("Empty: the programme's hours."), **HOURS
    )
    absent_hours = models.DecimalField(_("hours of leave"), default=Decimal(0), **HOURS)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=50, blank=True)
    confirmed = models.BooleanField(
        _("confirmed by HR"), default=False, help_text=_("Reported by a unit clerk: counts once HR confirms.")
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("programme participant")
        verbose_name_plural = _("programme participants")
        ordering = ["programme", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "cadre"], name="participant_once")]

    def __str__(self):
        return f"{self.programme} {self.cadre}"


class Secondment(models.Model):
    """A secondment (挂职锻炼); inside our tree it is an appointment of kind `secondment` and this
    record adds what the appointment lacks."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="secondments"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=c.SecondmentDirection.choices)
    appointment = models.OneToOneField(
        "cadres.Appointment",
        verbose_name=_("appointment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secondment_record",
    )
    host_organisation = models.CharField(_("host organisation"), max_length=200)
    host_post = models.CharField(_("host post"), max_length=100)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    grade = models.CharField(
        _("assessment grade"), max_length=12, choices=c.SecondmentGrade.choices, blank=True
    )
    assessment = models.TextField(_("assessment"), blank=True)
    in_resume = models.BooleanField(_("added to the résumé"), default=False, editable=False)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["-planned_start", "pk"]
        constraints = [
            _check(
                Q(planned_end__gte=F("planned_start")),
                "secondment_planned_order",
                "secondment_planned_order",
                _("The planned end cannot come before the planned start."),
            ),
            _check(
                Q(actual_end__isnull=True) | Q(actual_start__isnull=False, actual_end__gte=F("actual_start")),
                "secondment_actual_order",
                "secondment_actual_order",
                _("The actual end needs an actual start on or before it."),
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.host_organisation}"


class RuleDocument(models.Model):
    """A document of the rule library (制度汇编); reference data, readable by every role."""

    part = models.CharField(_("part"), max_length=15, choices=c.RulePart.choices)
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("document number"), max_length=100, blank=True)
    version = models.CharField(_("version"), max_length=30, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=100)
    effective_date = models.DateField(_("effective date"))
    repeal_date = models.DateField(_("repeal date"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="training/rules/", blank=True)
    body = models.TextField(_("full text"), blank=True)
    # Title and body as CJK bigrams and words, indexed with the "simple" configuration
    # (training.rules.search_tokens): PostgreSQL has no Chinese parser without an extension.
    search_tokens = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        verbose_name = _("rule document")
        verbose_name_plural = _("rule documents")
        ordering = ["part", "-effective_date", "pk"]
        constraints = [
            _check(
                Q(repeal_date__isnull=True) | Q(repeal_date__gt=F("effective_date")),
                "ruledocument_repeal_after_effect",
                "repeal_before_effect",
                _("A document is repealed after it takes effect."),
            )
        ]

    def __str__(self):
        return self.title


class HoursTotal(models.Model):
    """A cadre's credited hours of one calendar year, summed from the ledger (sessions attended,
    programmes completed) with the credit flags in force, in tenths of an hour: what the
    compliance list reads instead of the ledger's rows. Derived (no history, no admin): the
    training services recompute it in the transaction that writes the ledger
    (services.hours_totals_refresh), and every total when a source's credit flags change."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="hours_totals"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    year_hours = models.IntegerField(_("tenths of hours toward the yearly figure"), default=0)
    year_days = models.IntegerField(_("full-time days toward the yearly figure"), default=0)
    five_hours = models.IntegerField(_("tenths of hours toward the five-year figure"), default=0)
    five_days = models.IntegerField(_("full-time days toward the five-year figure"), default=0)
    online_hours = models.IntegerField(_("tenths of online hours"), default=0)

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("yearly hours total")
        verbose_name_plural = _("yearly hours totals")
        constraints = [models.UniqueConstraint(fields=["cadre", "year"], name="hourstotal_once")]

    def __str__(self):
        return f"{self.cadre_id} {self.year}"
