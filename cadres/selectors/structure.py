"""The cadre team's structure for the leaders' dashboard: one aggregate query per dimension."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Case, CharField, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from cadres.models import (
    Appointment,
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
from cadres.selectors.appointments import held_on
from cadres.selectors.org import unit_staffing
from core.scope import scoped

AGE_BANDS = [(None, 35), (35, 40), (40, 45), (45, 50), (50, 55), (55, None)]  # [min, max) in years


def age_band_label(low, high) -> str:
    if low is None:
        return f"{high}岁以下"
    return f"{low}岁及以上" if high is None else f"{low}-{high - 1}岁"


def _serving(user, on: datetime.date):
    primary_level = Appointment.objects.filter(held_on(on), cadre=OuterRef("pk"), is_primary=True).values(
        "post__level_id"
    )[:1]
    return (
        scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING))
        .annotate(level_id=Coalesce(Subquery(primary_level, output_field=IntegerField()), Value(0)))
        .order_by()
    )


def _age_band(on: datetime.date) -> Case:
    whens = []
    for low, high in AGE_BANDS:
        lookup = {}
        if low is not None:
            lookup["birth_date__lte"] = on - relativedelta(years=low)
        if high is not None:
            lookup["birth_date__gt"] = on - relativedelta(years=high)
        whens.append(When(**lookup, then=Value(age_band_label(low, high))))
    return Case(*whens, output_field=CharField())


def _count_by(queryset, expression_or_field) -> dict[tuple, int]:
    if isinstance(expression_or_field, str):
        queryset = queryset.annotate(bucket=Coalesce(expression_or_field, Value("")))
    else:
        queryset = queryset.annotate(bucket=expression_or_field)
    rows = queryset.values_list("level_id", "bucket").annotate(n=Count("id"))
    return {(level_id, bucket): n for level_id, bucket, n in rows}


def _dimension(counts: dict, choices: list[tuple[str, str]], levels) -> dict:
    return {
        "categories": [label for _code, label in choices],
        "codes": [code for code, _label in choices],
        "series": [
            {
                "level": level.pk,
                "name": level.name,
                "data": [counts.get((level.pk, code), 0) for code, _l in choices],
            }
            for level in levels
        ],
        "totals": [sum(counts.get((level.pk, code), 0) for level in levels) for code, _l in choices],
    }


def cadre_structure(*, user, on: datetime.date) -> dict:
    levels = list(PostLevel.objects.filter(active=True).order_by("rank"))
    levels.append(PostLevel(pk=0, name="未任职", rank=999))
    serving = _serving(user, on)
    minorities = [code for code, _label in Ethnicity.choices if code != "han"]
    ethnicity = Case(
        When(ethnicity="han", then=Value("han")), default=Value("minority"), output_field=CharField()
    )
    bands = [(age_band_label(low, high), age_band_label(low, high)) for low, high in AGE_BANDS]
    education_choices = [*Education.choices, ("", "未填")]
    title_choices = [*TitleGrade.choices, ("", "无")]
    return {
        "total": serving.count(),
        "age": _dimension(_count_by(serving, _age_band(on)), bands, levels),
        "gender": _dimension(_count_by(serving, "gender"), Gender.choices, levels),
        "education": _dimension(_count_by(serving, "education"), education_choices, levels),
        "title": _dimension(_count_by(serving, "title_grade"), title_choices, levels),
        "ethnicity": _dimension(
            _count_by(serving, ethnicity), [("han", "汉族"), ("minority", "少数民族")], levels
        ),
        "political": _dimension(_count_by(serving, "political_status"), PoliticalStatus.choices, levels),
        "minority_codes": minorities,
        "levels": [{"id": level.pk, "name": level.name} for level in levels],
    }


def staffing_overview(*, user, on: datetime.date) -> dict:
    """Vacancies and over-quota units in scope (units with a quota or a holder)."""
    units = list(scoped(user, OrgUnit.objects.filter(active=True)).order_by("path"))
    staffing = unit_staffing(units=units, on=on)
    rows = [
        {
            "unit": unit,
            "level": row.level,
            "approved": row.approved,
            "filled": row.filled,
            "vacant": row.vacant,
            "over": row.over_quota,
        }
        for unit in units
        for row in staffing.get(unit.pk, [])
    ]
    return {
        "vacant": [r for r in rows if r["vacant"]],
        "over": [r for r in rows if r["over"]],
        "vacant_total": sum(r["vacant"] for r in rows),
        "over_total": sum(r["over"] for r in rows),
    }


def retirement_outlook(*, user, on: datetime.date) -> dict:
    serving = scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING))
    return {
        months: serving.filter(
            retirement_date__gte=on, retirement_date__lte=on + relativedelta(months=months)
        ).count()
        for months in (12, 24)
    }
