"""Private travel abroad (因私出国(境)): papers in custody, lending them for a trip, the
registration with the entry-exit authority, the papers a new middle-level cadre hands in, and
trip requests with their approval chain."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import ApprovalDecision, TravelDocumentKind, TripStage, TripState


class TravelDocument(models.Model):
    """A passport or permit held in custody (证件集中保管)."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TravelDocumentKind.choices)
    number = models.CharField(_("number"), max_length=30)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    received_on = models.DateField(_("received into custody"))
    box = models.CharField(_("box"), max_length=30, blank=True)
    released_on = models.DateField(
        _("given back for good"),
        null=True,
        blank=True,
        help_text=_("No longer held, e.g. after leaving the post."),
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("travel document")
        verbose_name_plural = _("travel documents")
        ordering = ["expires_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                name="travel_document_number_unique",
                violation_error_message=_("A document of this kind and number is already held."),
                violation_error_code="document_exists",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="travel_document_expires_after_issue",
                violation_error_message=_("The document must expire after it was issued."),
                violation_error_code="expires_before_issue",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.get_kind_display()} {self.number}"


class TripRequest(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.CharField(_("destination"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200)
    departs_on = models.DateField(_("departs on"))
    returns_on = models.DateField(_("returns on"))
    chain = models.JSONField(_("approval chain"), default=list)  # TripStage codes, copied from the settings
    state = models.CharField(_("state"), max_length=10, choices=TripState.choices, default=TripState.PENDING)
    requested_on = models.DateField(_("requested on"))
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("trip request")
        verbose_name_plural = _("trip requests")
        ordering = ["-departs_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returns_on__gte=models.F("departs_on")),
                name="trip_returns_after_departure",
                violation_error_message=_("The trip cannot end before it starts."),
                violation_error_code="returns_before_departure",
            )
        ]

    def __str__(self):
        return f"{self.cadre} {self.destination} {self.departs_on}"


class TripApproval(models.Model):
    trip = models.ForeignKey(
        TripRequest, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="approvals"
    )
    stage = models.CharField(_("step"), max_length=12, choices=TripStage.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=ApprovalDecision.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    scope_path = "trip__cadre__unit__path"

    class Meta:
        verbose_name = _("trip approval")
        verbose_name_plural = _("trip approvals")
        ordering = ["trip", "id"]
        constraints = [models.UniqueConstraint(fields=["trip", "stage"], name="trip_approval_once_per_stage")]

    def __str__(self):
        return f"{self.get_stage_display()} {self.get_decision_display()}"


class DocumentLoan(models.Model):
    """Papers lent for a trip; due back a set number of days after the trip ends."""

    document = models.ForeignKey(
        TravelDocument, verbose_name=_("document"), on_delete=models.PROTECT, related_name="loans"
    )
    trip = models.ForeignKey(
        TripRequest,
        verbose_name=_("trip"),
        on_delete=models.PROTECT,
        related_name="loans",
        null=True,
        blank=True,
    )
    lent_on = models.DateField(_("lent on"))
    due_back = models.DateField(_("due back"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lent by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    scope_path = "document__cadre__unit__path"

    class Meta:
        verbose_name = _("document loan")
        verbose_name_plural = _("document loans")
        ordering = ["-lent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(returned_on__isnull=True),
                name="document_lent_once_at_a_time",
                violation_error_message=_("The document is already lent out."),
                violation_error_code="already_lent",
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=models.F("lent_on")),
                name="document_returned_after_lending",
                violation_error_message=_("The document cannot come back before it was lent."),
                violation_error_code="returned_before_lent",
            ),
        ]

    def __str__(self):
        return f"{self.document} {self.lent_on}"


class ExitRegistration(models.Model):
    """登记备案: a cadre whose exit is restricted, registered with the entry-exit authority; a new
    middle-level cadre's row is made by the appointment, with the deadline to hand in papers."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    appointment = models.OneToOneField(
        "cadres.Appointment",
        verbose_name=_("appointment"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The appointment that made the cadre middle-level, when it made this row."),
    )
    papers_due = models.DateField(_("papers due"), null=True, blank=True)
    papers_handed_in = models.DateField(_("papers handed in"), null=True, blank=True)
    filed_on = models.DateField(_("filed with the entry-exit authority on"), null=True, blank=True)
    filing_document = models.CharField(_("filing document"), max_length=100, blank=True)
    ended_on = models.DateField(_("restriction ended on"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("exit registration")
        verbose_name_plural = _("exit registrations")
        ordering = ["papers_due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre"],
                condition=Q(ended_on__isnull=True),
                name="exit_registration_once_open",
                violation_error_message=_("The cadre is already registered."),
                violation_error_code="already_registered",
            )
        ]

    def __str__(self):
        return f"{self.cadre} {self.papers_due or ''}"
