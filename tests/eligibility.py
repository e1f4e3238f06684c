"""Plain facts for the eligibility rule tests of every system (cadres, appraisal, oversight)."""

from datetime import date

from cadres.rules.eligibility import AppointmentFact, CadreFacts, TargetPost, evaluate

ON = date(2026, 3, 1)
# (rank, tier, is_principal) as seeded in PostLevel.
COLLEGE_PRINCIPAL = (10, "college", True)
COLLEGE_DEPUTY = (20, "college", False)
MIDDLE_PRINCIPAL = (30, "middle", True)
MIDDLE_DEPUTY = (40, "middle", False)
SECTION = (50, "section", True)


def held(level, start, end=None, **kwargs):
    rank, tier, principal = level
    return AppointmentFact(
        level_rank=rank, level_tier=tier, level_is_principal=principal, start=start, end=end, **kwargs
    )


def post(level, **kwargs):
    rank, tier, principal = level
    values = {"post_id": 1, "unit_id": 10, "team_id": 100} | kwargs
    return TargetPost(level_rank=rank, level_tier=tier, is_principal=principal, **values)


def cadre(**kwargs):
    """A cadre who meets every rule for a middle-level principal post on ON."""
    values = {
        "birth_date": date(1980, 1, 1),
        "gender": "male",
        "work_start_date": date(2005, 7, 1),
        "education": "bachelor",
        "appointments": (held(MIDDLE_DEPUTY, date(2020, 1, 1), unit_id=10, post_id=2),),
        "extra": {
            "appraisals": ((2022, "competent"), (2023, "excellent"), (2024, "competent"), (2025, "competent"))
        },
    }
    extra = values.pop("extra") | kwargs.pop("extra", {})
    return CadreFacts(**(values | kwargs), extra=extra)


def codes(facts, target=None, on=ON, figures=None):
    result = evaluate(facts=facts, target=target or post(MIDDLE_PRINCIPAL), on=on, figures=figures)
    return [reason.code for reason in result.reasons]


def reasons(code, facts, target=None, on=ON, figures=None):
    result = evaluate(facts=facts, target=target or post(MIDDLE_PRINCIPAL), on=on, figures=figures)
    return [reason for reason in result.reasons if reason.code == code]
