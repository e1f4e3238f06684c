"""Letter inquiries (函询): the letter to a cadre, the cadre's written reply, and the conclusion."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import InquiryState


class LetterInquiry(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    complaint = models.ForeignKey(
        "oversight.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="inquiries",
        null=True,
        blank=True,
    )
    state = models.CharField(
        _("state"), max_length=10, choices=InquiryState.choices, default=InquiryState.SENT
    )
    sent_on = models.DateField(_("sent on"))
    letter = models.TextField(_("letter"))
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply = models.TextField(_("written reply"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("letter inquiry")
        verbose_name_plural = _("letter inquiries")
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=InquiryState.SENT, replied_on__isnull=True)
                | Q(state=InquiryState.REPLIED, replied_on__isnull=False, concluded_on__isnull=True)
                | Q(state=InquiryState.CONCLUDED, replied_on__isnull=False, concluded_on__isnull=False),
                name="letter_inquiry_dates_follow_state",
            )
        ]

    def __str__(self):
        return f"{self.cadre} {self.sent_on}"
