"""The cadre list's filters, shared by the HR page, the API and the export."""

import functools

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Q, Value
from django.db.models.functions import Length, Replace
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cadres.models import (
    Cadre,
    CadreStatus,
    Education,
    Ethnicity,
    Gender,
    OrgUnit,
    PoliticalStatus,
    PostLevel,
    TitleGrade,
)
from cadres.selectors import cadres as selectors
from cadres.signals import NAMESPACE
from core import ranges
from core.figures_cache import cached_figures
from core.filters import FilterSet, RangedNumberFilter
from core.forms import FilterForm, RangedIntegerField
from core.permissions import sees_full_id_number
from core.scope import scope_path

MAX_UNIT_CHOICES = 300


def unit_choices(units, *, selected=None) -> list[tuple[int, str]]:
    """Units of the first levels below the scope's top, as many levels as stay under the cap.

    From the figures cache: a province has 6,515 units, and reading and sorting them all took
    20 ms of every list page.
    """
    try:
        parts = ("unit_choices", str(units.query), str(selected or ""))
    except EmptyResultSet:  # a queryset that is .none()
        return []
    return cached_figures(NAMESPACE, parts, lambda: _unit_choices(units, selected=selected))


def _unit_choices(units, *, selected=None) -> list[tuple[int, str]]:
    units = units.annotate(depth=Length("path") - Length(Replace("path", Value("/"), Value(""))))
    per_depth = dict(units.order_by().values_list("depth").annotate(n=Count("id")))
    if not per_depth:
        return []
    top = min(per_depth)
    levels = next(
        (n for n in (3, 2, 1) if sum(per_depth.get(top + d, 0) for d in range(n)) <= MAX_UNIT_CHOICES), 1
    )
    shown = units.filter(Q(depth__lt=top + levels) | Q(pk=selected if str(selected).isdigit() else None))
    rows = shown.order_by("path").values_list("pk", "name", "depth")
    return [(pk, "　" * (depth - top) + name) for pk, name, depth in rows]


@extend_schema_field(OpenApiTypes.INT)
class LevelFilter(django_filters.ModelChoiceFilter):
    """A post level id: cadres holding a post of that level on the date."""


class CadreFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (with sub-units)"), queryset=OrgUnit.objects.all(), method="filter_unit"
    )
    level = LevelFilter(label=_("Level"), queryset=PostLevel.objects.all(), method="filter_level")
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices)
    age_min = RangedNumberFilter(label=_("Age from"), method="filter_age", bounds=ranges.AGE)
    age_max = RangedNumberFilter(label=_("Age to"), method="filter_age", bounds=ranges.AGE)
    ethnicity = django_filters.ChoiceFilter(label=_("Ethnicity"), choices=Ethnicity.choices)
    ethnicity_group = django_filters.ChoiceFilter(
        label=_("Han / minority"),
        choices=[("han", _("Han")), ("minority", _("Minority"))],
        method="filter_ethnicity_group",
    )
    education = django_filters.ChoiceFilter(label=_("Education"), choices=Education.choices)
    title_grade = django_filters.ChoiceFilter(label=_("Title grade"), choices=TitleGrade.choices)
    political_status = django_filters.ChoiceFilter(
        label=_("Political status"), choices=PoliticalStatus.choices
    )
    retiring_within = RangedNumberFilter(
        label=_("Retiring within (months)"), method="filter_retiring", bounds=ranges.MONTHS
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CadreStatus.choices)

    class Meta:
        model = Cadre
        fields = ["q", "unit", "level", "gender", "education", "title_grade", "political_status", "status"]
        form = FilterForm

    def __init__(self, *args, on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on = on or timezone.localdate()

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            selected = self.data.get("unit") if self.data else None
            field = form.fields["unit"]
            # The list renders only the top levels of the scope (a province has thousands of
            # units); any unit in scope is still accepted, e.g. from the org tree's link.
            # Built only when the menu is rendered: the API validates through this form too.
            field.widget.choices = functools.cache(
                lambda: [("", "---------"), *unit_choices(field.queryset, selected=selected)]
            )
        return self._form

    def filter_q(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return selectors.cadre_search(
            queryset,
            q=value,
            on=self.on,
            by_id_number=sees_full_id_number(user),
            within=scope_path(user) or "",
        )

    def filter_unit(self, queryset, name, value):
        return selectors.in_unit_subtree(queryset, unit=value) if value else queryset

    def filter_level(self, queryset, name, value):
        return selectors.at_level(queryset, level_id=value.pk, on=self.on) if value else queryset

    def filter_age(self, queryset, name, value):
        if value is None:
            return queryset
        bounds = (
            {"min_age": value, "max_age": None} if name == "age_min" else {"min_age": None, "max_age": value}
        )
        return selectors.aged_between(queryset, on=self.on, **bounds)

    def filter_ethnicity_group(self, queryset, name, value):
        if value == "han":
            return queryset.filter(ethnicity="han")
        return queryset.exclude(ethnicity="han") if value == "minority" else queryset

    def filter_retiring(self, queryset, name, value):
        return (
            selectors.retiring_within(queryset, on=self.on, months=value) if value is not None else queryset
        )


PAGE_SIZES = (20, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50


class RosterDisplayForm(FilterForm):
    """How the HR roster page shows the list: the column it is sorted by and rows a page."""

    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    page_size = RangedIntegerField(
        label=_("Rows per page"),
        bounds=ranges.PAGE_SIZE,
        required=False,
        initial=DEFAULT_PAGE_SIZE,
        widget=forms.Select,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [("", ""), *((key, key) for key in selectors.roster_sort_keys())]
        self.fields["sort"].error_messages["invalid_choice"] = _("Unknown sort column “%(value)s”.")
        sizes = list(PAGE_SIZES)
        chosen = self.data.get("page_size") if self.is_bound else None
        if chosen and chosen.isdigit() and int(chosen) not in sizes:
            sizes = sorted({*sizes, int(chosen)})
        self.fields["page_size"].widget.choices = [(n, n) for n in sizes]

    def display(self) -> tuple[str, int]:
        """(sort key, page size) of a valid form; the defaults when it is not."""
        if not self.is_valid():
            return "", DEFAULT_PAGE_SIZE
        return self.cleaned_data["sort"] or "", self.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE
