"""Personnel-file reviews (干部档案专项审核, 三龄二历一身份): the record's values against the file.

A review is open while any item is 存疑待查; a selection's 档案必审 check is clear when the
candidate has a review done for that selection (or within the administrator's months) that
is not open (oversight.selectors.file_reviews.file_review_check_states)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import FileFinding, FileItem


class FileReview(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    selection = models.ForeignKey(
        "cadres.SelectionProcess",
        verbose_name=_("selection process"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The selection the review was done for, if any."),
    )
    reviewed_on = models.DateField(_("reviewed on"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    open_doubts = models.PositiveSmallIntegerField(_("items in doubt"), default=0, editable=False)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("personnel-file review")
        verbose_name_plural = _("personnel-file reviews")
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["cadre", "reviewed_on"], name="file_review_cadre_date")]

    def __str__(self):
        return f"{self.cadre} {self.reviewed_on}"

    @property
    def is_open(self) -> bool:
        return self.open_doubts > 0


class FileReviewItem(models.Model):
    review = models.ForeignKey(
        FileReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.CharField(_("item"), max_length=20, choices=FileItem.choices)
    record_value = models.CharField(_("value on the record"), max_length=2000, blank=True)
    file_value = models.CharField(_("value in the file"), max_length=2000, blank=True)
    material = models.CharField(_("supporting file material"), max_length=500, blank=True)
    finding = models.CharField(_("finding"), max_length=12, choices=FileFinding.choices)
    resolved_on = models.DateField(_("doubt resolved on"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path = "review__cadre__unit__path"

    class Meta:
        verbose_name = _("file review item")
        verbose_name_plural = _("file review items")
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "item"],
                name="file_review_item_once",
                violation_error_message=_("This item is already in the review."),
                violation_error_code="item_exists",
            )
        ]

    def __str__(self):
        return f"{self.get_item_display()} {self.get_finding_display()}"
