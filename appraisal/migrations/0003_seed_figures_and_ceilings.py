from django.db import migrations

# The figures row and the grade ceilings' defaults (2023 处分规定 and usual practice), copied here
# so the migration does not change when appraisal.choices does; administrators edit them in admin.
CEILINGS = [
    ("admonishment", "competent", "decided_in_year", "当年受诫勉，不得确定为优秀"),
    ("party_warning", "competent", "decided_in_year", "当年受党内警告处分，不得确定为优秀"),
    ("party_serious_warning", "competent", "decided_in_year", "当年受党内严重警告处分，不得确定为优秀"),
    (
        "party_post_removal",
        "basically_competent",
        "in_effect",
        "撤销党内职务处分影响期内，不得确定为称职以上等次",
    ),
    ("gov_warning", "competent", "decided_in_year", "当年受警告处分，不得确定为优秀"),
    ("gov_demerit", "basically_competent", "in_effect", "记过处分期间，不得确定为称职以上等次"),
    ("gov_major_demerit", "basically_competent", "in_effect", "记大过处分期间，不得确定为称职以上等次"),
    ("gov_demotion", "incompetent", "in_effect", "降级处分期间，只能确定为不称职"),
    ("post_grade_lowering", "incompetent", "in_effect", "降低岗位等级处分期间，只能确定为不称职"),
    ("gov_dismissal", "incompetent", "in_effect", "撤职处分期间，只能确定为不称职"),
    ("transfer", "competent", "decided_in_year", "当年被调离岗位，不得确定为优秀"),
    ("ordered_resignation", "competent", "decided_in_year", "当年被责令辞职，不得确定为优秀"),
    ("removal", "competent", "decided_in_year", "当年被免职，不得确定为优秀"),
    ("demotion", "competent", "decided_in_year", "当年被降职，不得确定为优秀"),
]


def seed(apps, schema_editor):
    apps.get_model("appraisal", "AppraisalSettings").objects.get_or_create(pk=1)
    GradeCeiling = apps.get_model("appraisal", "GradeCeiling")
    for kind, ceiling, applies, reason in CEILINGS:
        GradeCeiling.objects.get_or_create(
            sanction_kind=kind, defaults={"ceiling": ceiling, "applies": applies, "reason": reason}
        )


class Migration(migrations.Migration):
    dependencies = [("appraisal", "0002_cycles_and_ballots")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
