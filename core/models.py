from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A user of the system; what they may see is bounded by their data scope."""

    scope_unit = models.ForeignKey(
        "cadres.OrgUnit",
        verbose_name=_("data scope"),
        help_text=_("The user sees this unit and everything under it."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who changed a user's roles, scope or status, and when. The password hash and the login
    # time stay out: a login is not a change to the account (see core.audit).
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"
        permissions = [("review_access", _("Can review who holds which role over which units"))]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Notification(models.Model):
    """An in-app notification; `key` makes a scheduled job's reminder unique per user."""

    user = models.ForeignKey(
        "core.User", verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30)
    key = models.CharField(_("key"), max_length=120)
    message = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # A reminder summed up in a digest (the first review of a kind) is kept, so a later run knows
    # it was told, but the notification centre shows the digest in its place.
    digest = models.ForeignKey(
        "self",
        verbose_name=_("digest"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="items",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                name="notification_once_per_key",
                violation_error_message=_("The user already has this notification."),
                violation_error_code="duplicate_notification",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message[:50]


class ReadKind(models.TextChoices):
    """What sensitive thing was read. Other systems' kinds are reserved here so one log holds all."""

    FULL_ID_NUMBER = "full_id_number", _("Full ID number shown")
    APPOINTMENT_FORM = "appointment_form", _("Appointment form printed")
    ROSTER_EXPORT = "roster_export", _("Roster exported")
    LRMX_EXPORT = "lrmx_export", _(".lrmx exported")
    SANCTION = "sanction", _("Sanction viewed")
    COMPLAINT = "complaint", _("Complaint opened")
    PERSONAL_MATTERS = "personal_matters", _("Personal-matters report opened")


class ReadChannel(models.TextChoices):
    PAGE = "page", _("Page")
    API = "api", _("API")
    FILE = "file", _("File")


class ReadLog(models.Model):
    """One sensitive read (等保 2.0: who looked). Append-only: on PostgreSQL a trigger refuses
    UPDATE and DELETE, except the retention purge (core.readlog.read_log_purge)."""

    user = models.ForeignKey(
        "core.User", verbose_name=_("user"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    at = models.DateTimeField(_("read at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("what was read"), max_length=30, choices=ReadKind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=ReadChannel.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("record type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    label = models.CharField(_("record"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("records read"), default=1)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        verbose_name = _("read log entry")
        verbose_name_plural = _("read log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["user", "at"], name="readlog_user_at"),
            models.Index(fields=["content_type", "object_id"], name="readlog_object"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=1),
                name="readlog_count_positive",
                violation_error_message=_("A read covers at least one record."),
                violation_error_code="count_positive",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.label}"
