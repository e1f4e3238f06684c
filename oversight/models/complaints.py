"""Complaints (信访举报) and the figures of their deadlines.

The reporter's name, phone and address are encrypted at rest (oversight.fields) and kept out of
the history table: a history row is read by whoever may read the model's history, and the
identity must stay with discipline staff. Every reveal of it is a ReporterDisclosure row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import (
    DEFAULT_ACCEPT_DAYS,
    DEFAULT_CONCLUDE_DAYS,
    DEFAULT_EXTENSION_DAYS,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintResult,
    ComplaintState,
    DayMode,
    DisposalWay,
)
from oversight.fields import SecretCharField, SecretTextField

REPORTER_FIELDS = ("reporter_name", "reporter_phone", "reporter_address")


class ComplaintSettings(models.Model):
    """The complaint deadlines, one row edited by the administrator."""

    accept_days = models.PositiveSmallIntegerField(
        _("days to decide on acceptance"), default=DEFAULT_ACCEPT_DAYS
    )
    conclude_days = models.PositiveSmallIntegerField(_("days to conclude"), default=DEFAULT_CONCLUDE_DAYS)
    extension_days = models.PositiveSmallIntegerField(
        _("days of the extension"), default=DEFAULT_EXTENSION_DAYS
    )
    day_mode = models.CharField(
        _("counted in"), max_length=10, choices=DayMode.choices, default=DayMode.CALENDAR
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint deadlines")
        verbose_name_plural = _("complaint deadlines")
        constraints = [
            models.CheckConstraint(
                condition=Q(accept_days__gt=0, conclude_days__gt=0), name="complaint_deadlines_positive"
            )
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class Complaint(models.Model):
    unit = models.ForeignKey(
        "cadres.OrgUnit",
        verbose_name=_("unit concerned"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit of the cadres complained about: it sets whose data scope holds the complaint."),
    )
    subjects = models.ManyToManyField(
        "cadres.Cadre", verbose_name=_("cadres complained about"), related_name="+", blank=True
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ComplaintChannel.choices)
    received_on = models.DateField(_("received on"))
    category = models.CharField(_("category"), max_length=20, choices=ComplaintCategory.choices)
    content = models.TextField(_("content"))
    reporter_anonymous = models.BooleanField(_("anonymous"), default=True)
    reporter_name = SecretCharField(_("reporter's name"), max_length=50, null=True, blank=True)
    reporter_phone = SecretCharField(_("reporter's phone"), max_length=30, null=True, blank=True)
    reporter_address = SecretTextField(_("reporter's address"), null=True, blank=True)
    query_code_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    state = models.CharField(
        _("state"), max_length=12, choices=ComplaintState.choices, default=ComplaintState.REGISTERED
    )
    accept_due = models.DateField(_("acceptance due"), editable=False)
    decided_on = models.DateField(_("acceptance decided on"), null=True, blank=True)
    reject_reason = models.TextField(_("reason for not accepting"), blank=True)
    conclude_due = models.DateField(_("conclusion due"), null=True, blank=True, editable=False)
    extended = models.BooleanField(_("extended"), default=False, editable=False)
    disposal_way = models.CharField(
        _("way of disposal"), max_length=20, choices=DisposalWay.choices, blank=True
    )
    disposed_on = models.DateField(_("disposed on"), null=True, blank=True)
    disposal_reason = models.TextField(_("reason for the disposal"), blank=True)
    result = models.CharField(_("result"), max_length=20, choices=ComplaintResult.choices, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    result_reason = models.TextField(_("findings"), blank=True)
    told_acceptance_on = models.DateField(_("reporter told of acceptance on"), null=True, blank=True)
    told_result_on = models.DateField(_("reporter told of the result on"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    recused = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recused staff"),
        related_name="+",
        blank=True,
        help_text=_("Discipline staff related to a cadre complained about: they do not see the complaint."),
    )
    # The query code's hash is left out too: with it, a history reader could test guessed codes.
    history = HistoricalRecords(excluded_fields=[*REPORTER_FIELDS, "query_code_hash"])

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    reporter_anonymous=True,
                    reporter_name__isnull=True,
                    reporter_phone__isnull=True,
                    reporter_address__isnull=True,
                )
                | Q(reporter_anonymous=False, reporter_name__isnull=False),
                name="complaint_reporter_named_or_anonymous",
            ),
            models.CheckConstraint(
                condition=~Q(state=ComplaintState.REJECTED) | ~Q(reject_reason=""),
                name="complaint_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[ComplaintState.REGISTERED, ComplaintState.REJECTED])
                | Q(conclude_due__isnull=False),
                name="complaint_accepted_has_conclude_due",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.received_on} #{self.pk}"


class ReporterDisclosure(models.Model):
    """Someone was shown a reporter's identity: who, when (the explicit "show")."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="disclosures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("shown to"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    scope_path = "complaint__unit__path"

    class Meta:
        verbose_name = _("reporter disclosure")
        verbose_name_plural = _("reporter disclosures")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.complaint_id} {self.user} {self.at}"
