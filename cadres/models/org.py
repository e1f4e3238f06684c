from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cadres.models.search import SearchKeysField


class OrgUnitKind(models.TextChoices):
    AUTHORITY = "authority", _("Supervising authority")
    INSTITUTION = "institution", _("Institution")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    FUNCTIONAL = "functional", _("Functional department")
    COLLEGE = "college", _("Secondary college")
    DIRECT = "direct", _("Directly affiliated unit")
    SUB_UNIT = "sub_unit", _("Sub-unit")


class OrgUnit(models.Model):
    """A unit in the organisation tree; `path` ("/1/7/") makes subtree queries one filter."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_grams = SearchKeysField(
        _("name search keys"),
        default=list,
        editable=False,
        help_text=_("Every one- and two-character piece of the name, for the substring search."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("display order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    established_on = models.DateField(
        _("established on"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: before the records began. A unit owes a monthly study from its first full month."
        ),
    )
    sensitive_office = models.BooleanField(
        _("organisation, HR, discipline, audit or finance office"),
        default=False,
        help_text=_("Recusal: a relative of the unit's leader may not work here."),
    )
    path = models.CharField(_("tree path"), max_length=255, editable=False, db_index=True)
    history = HistoricalRecords(excluded_fields=["name_grams"])

    scope_path = "path"

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="orgunit_not_own_parent",
                violation_error_message=_("A unit cannot be its own parent unit."),
                violation_error_code="own_parent",
            ),
            models.UniqueConstraint(
                fields=["parent", "name"],
                name="orgunit_unique_name_in_parent",
                violation_error_message=_("The parent unit already has a unit of this name."),
                violation_error_code="duplicate_name",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class PostLevelTier(models.TextChoices):
    COLLEGE = "college", _("College level")
    MIDDLE = "middle", _("Middle level")
    SECTION = "section", _("Section level")


class PostLevel(models.Model):
    """A level of post (层级); `rank` orders levels, 1 being the most senior."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)
    tier = models.CharField(_("tier"), max_length=10, choices=PostLevelTier.choices)
    is_principal = models.BooleanField(_("principal"), default=False)
    age_limit = models.PositiveSmallIntegerField(
        _("age limit"),
        null=True,
        blank=True,
        help_text=_("No appointment at or past this age; empty for none."),
    )
    party_standing_years = models.PositiveSmallIntegerField(
        _("party standing required (years)"),
        null=True,
        blank=True,
        help_text=_("Years of full party membership a party post of this level needs; empty for none."),
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post level")
        verbose_name_plural = _("post levels")
        ordering = ["rank"]

    def __str__(self):
        return self.name


class PostCategory(models.TextChoices):
    PARTY = "party", _("Party affairs")
    ADMINISTRATIVE = "administrative", _("Administrative")
    ACADEMIC = "academic", _("Teaching and research")


class Post(models.Model):
    """One seat in a unit at a level."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(_("title"), max_length=100)
    title_grams = SearchKeysField(
        _("title search keys"),
        default=list,
        editable=False,
        help_text=_("Every one- and two-character piece of the title, for the substring search."),
    )
    level = models.ForeignKey(
        PostLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="posts"
    )
    category = models.CharField(_("category"), max_length=20, choices=PostCategory.choices)
    is_key = models.BooleanField(
        _("key post"),
        default=False,
        help_text=_("Personnel, finance, construction, admissions, procurement or audit: rotates sooner."),
    )
    order = models.PositiveIntegerField(_("display order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    supervised_units = models.ManyToManyField(
        "OrgUnit",
        verbose_name=_("supervised units"),
        blank=True,
        related_name="supervising_posts",
        help_text=_("Units this post directly oversees (分管), e.g. for a vice-president."),
    )
    history = HistoricalRecords(excluded_fields=["title_grams"])

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["unit__path", "level__rank", "order", "id"]

    def __str__(self):
        return f"{self.unit.name} {self.title}"


class PostQuota(models.Model):
    """Approved number of posts (职数) of one level in one unit."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="quotas")
    level = models.ForeignKey(
        PostLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="quotas"
    )
    approved = models.PositiveSmallIntegerField(_("approved"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("post quota")
        verbose_name_plural = _("post quotas")
        ordering = ["unit__path", "level__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "level"],
                name="postquota_unique_unit_level",
                violation_error_message=_("The unit already has a quota for this level."),
                violation_error_code="duplicate_quota",
            ),
            models.CheckConstraint(
                condition=Q(approved__gte=0),
                name="postquota_approved_not_negative",
                violation_error_message=_("The approved number cannot be negative."),
                violation_error_code="approved_negative",
            ),
        ]

    def __str__(self):
        return f"{self.unit.name} {self.level.name} {self.approved}"
