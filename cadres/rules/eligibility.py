"""Eligibility of a cadre for a post (任职资格): a registry of pure rules over plain facts.

A rule is a function `(*, facts, target, on, figures) -> list[Reason]` registered with
`@eligibility_rule("code")`; `evaluate` runs them all in registration order. A cadre is
eligible when no reason blocks. Each reason names its rule and the figures it applied, so HR
staff can check it.

Levels are described by `rank` (smaller is more senior), `tier` (college / middle / section)
and `is_principal`, as on `PostLevel`.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cadres.choices import PoliticalStatus
from cadres.rules.figures import EDUCATION_LEVELS, SelectionFigures, education_rank
from cadres.rules.tenure import add_years, format_tenure, tenure_span

Severity = Literal["block", "warn"]

TIERS = ("college", "middle", "section")  # most senior first
# Relatives who make recusal (任职回避) apply; other relations (e.g. "other") do not.
RECUSAL_RELATIONS: dict[str, str] = {
    "spouse": _("Spouse"),  # 配偶
    "lineal": _("Lineal relative"),  # 直系血亲: parents, children, grandparents, grandchildren
    "collateral": _("Collateral relative within three generations"),  # 三代以内旁系血亲
    "in_law": _("Close in-law"),  # 近姻亲: spouse's parents and siblings, children's spouses
}
RECUSAL_GROUNDS: dict[str, str] = {
    "same_team": _("the same leadership team"),
    "supervision": _("a direct line of supervision"),
    "sensitive_office": _(
        "an organisation, HR, discipline, audit or finance office of a unit the relative leads"
    ),
}


def _interpolate(template: str, params: dict) -> str:
    return str(template) % params


_render = lazy(_interpolate, str)


@dataclass(frozen=True)
class Reason:
    code: str
    severity: Severity
    rule: str  # lazy: the rule's name
    message: str  # lazy: rendered with params
    params: dict = field(default_factory=dict)  # the figures applied


@dataclass(frozen=True)
class AppointmentFact:
    level_rank: int
    level_tier: str
    level_is_principal: bool
    start: date
    end: date | None = None  # exclusive; None while held
    unit_id: int | None = None
    post_id: int | None = None
    team_id: int | None = None
    is_primary: bool = True


@dataclass(frozen=True)
class RelativeFact:
    relation: str  # a RECUSAL_RELATIONS code, or any other code that does not count
    cadre_id: int | None = None
    unit_ids: frozenset[int] = frozenset()  # units where the relative now holds (leads with) a post
    team_ids: frozenset[int] = frozenset()  # leadership teams the relative sits on
    supervision_unit_ids: frozenset[int] = frozenset()  # units in the relative's line of supervision


@dataclass(frozen=True)
class CadreFacts:
    birth_date: date | None = None
    gender: str = ""
    work_start_date: date | None = None
    education: str | None = None  # a figures.EDUCATION_LEVELS code
    appointments: tuple[AppointmentFact, ...] = ()
    relatives: tuple[RelativeFact, ...] = ()
    retirement_date: date | None = None
    political_status: str = ""  # a cadres.choices.PoliticalStatus code
    party_join_date: date | None = None
    has_spouse: bool = False  # a spouse is recorded among the family members
    spouse_abroad: bool = False
    children: int = 0
    children_abroad: int = 0
    # Facts other systems contribute through cadres.registry (appraisal grades, sanctions, ...),
    # read by the rules those systems register.
    extra: Mapping[str, tuple] = field(default_factory=dict)


@dataclass(frozen=True)
class TargetPost:
    post_id: int | None
    unit_id: int | None
    level_rank: int
    level_tier: str
    is_principal: bool
    age_limit: int | None = None
    supervises_unit_ids: frozenset[int] = frozenset()  # units the post directly supervises
    sensitive_office: bool = False  # an org/HR, discipline, audit or finance office
    office_of_unit_id: int | None = None  # the unit that office serves (for a sensitive office)
    team_id: int | None = None
    category: str = ""  # a PostCategory code: party / administrative / academic
    party_standing_years: int | None = None  # set on the level; None: no standing required


@dataclass(frozen=True)
class EligibilityResult:
    eligible: bool
    reasons: list[Reason]

    @property
    def blocks(self) -> list[Reason]:
        return [r for r in self.reasons if r.severity == "block"]

    @property
    def warnings(self) -> list[Reason]:
        return [r for r in self.reasons if r.severity == "warn"]


Rule = Callable[..., list[Reason]]
RULES: dict[str, Rule] = {}
# rule code -> the visibility fact (core.visibility) its reasons reveal, for rules that read one
RULE_REVEALS: dict[str, str] = {}


def eligibility_rule(code: str, *, reveals: str | None = None) -> Callable[[Rule], Rule]:
    """Register a rule under `code`; a second rule with the same code is refused.

    `reveals` names the visibility fact the rule's reasons disclose (a sanction, a grade):
    users who may not see it are told only that something blocks.
    """

    def register(rule: Rule) -> Rule:
        if code in RULES:
            raise ValueError(f"eligibility rule {code!r} is already registered")
        RULES[code] = rule
        if reveals is not None:
            RULE_REVEALS[code] = reveals
        return rule

    return register


def unregister_rule(code: str) -> None:
    RULES.pop(code, None)
    RULE_REVEALS.pop(code, None)


def evaluate(
    *,
    facts: CadreFacts,
    target: TargetPost,
    on: date,
    figures: SelectionFigures | None = None,
    codes: Iterable[str] | None = None,
) -> EligibilityResult:
    """Apply every registered rule (or only `codes`) to the cadre and the target post on `on`."""
    figures = figures or SelectionFigures()
    selected = RULES if codes is None else {code: RULES[code] for code in codes}
    reasons = [
        reason
        for rule in selected.values()
        for reason in rule(facts=facts, target=target, on=on, figures=figures)
    ]
    return EligibilityResult(eligible=not any(r.severity == "block" for r in reasons), reasons=reasons)


def make_reason(code: str, rule: str, message: str, params: dict, severity: Severity = "block") -> Reason:
    """A reason whose message renders lazily, in the language active when it is shown."""
    return Reason(code=code, severity=severity, rule=rule, message=_render(message, params), params=params)


# --- tenure (promotion rules) ---------------------------------------------------------------


def has_held_level_or_higher(*, facts: CadreFacts, target: TargetPost, on: date) -> bool:
    """Whether the target is no promotion: the cadre holds, or has held, its level or a higher one."""
    return level_reached(appointments=facts.appointments, level_rank=target.level_rank, on=on)


def level_reached(*, appointments: Iterable[AppointmentFact], level_rank: int, on: date) -> bool:
    """Whether any appointment started by `on` is at the level of `level_rank` or a more senior one.
    Also why a reserve (后备干部) for that level is refused: it would be no promotion."""
    return any(a.start <= on and a.level_rank <= level_rank for a in appointments)


def days_served(*, appointments: Iterable[AppointmentFact], on: date) -> int:
    """Days spent in the given appointments before `on`, overlapping appointments counted once."""
    spans = sorted((a.start, min(a.end or on, on)) for a in appointments if a.start < on)
    total, reached = 0, date.min
    for start, end in spans:
        start = max(start, reached)
        if end > start:
            total += (end - start).days
            reached = end
    return total


def _tenure_reasons(
    *, code: str, rule: str, message: str, served: list[AppointmentFact], on: date, years: int
) -> list[Reason]:
    # Cumulative time (累计) counts; measuring it back from `on` keeps anniversaries exact
    # for one continuous appointment.
    since = on - timedelta(days=days_served(appointments=served, on=on))
    if add_years(start=since, years=years) <= on:
        return []
    span = tenure_span(start=since, on=on)
    params = {
        "required_years": years,
        "actual_years": span.years,
        "actual_months": span.months,
        "actual_days": span.days,
        "actual": format_tenure(span=span),
    }
    return [make_reason(code, rule, message, params)]


@eligibility_rule("deputy_tenure_short")
def deputy_tenure_short(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """A principal post needs enough time in deputy posts of the same tier (任副职满 2 年)."""
    if not target.is_principal or has_held_level_or_higher(facts=facts, target=target, on=on):
        return []
    served = [a for a in facts.appointments if a.level_tier == target.level_tier and not a.level_is_principal]
    return _tenure_reasons(
        code="deputy_tenure_short",
        rule=_("Tenure as deputy before a principal post"),
        message=_("Served %(actual)s as deputy; at least %(required_years)s years are required."),
        served=served,
        on=on,
        years=figures.principal_from_deputy_years,
    )


@eligibility_rule("lower_principal_tenure_short")
def lower_principal_tenure_short(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """A deputy post needs enough time as principal of the next lower tier (下一级正职满 3 年)."""
    if target.is_principal or has_held_level_or_higher(facts=facts, target=target, on=on):
        return []
    if target.level_tier not in TIERS[:-1]:
        return []
    lower = TIERS[TIERS.index(target.level_tier) + 1]
    served = [a for a in facts.appointments if a.level_tier == lower and a.level_is_principal]
    return _tenure_reasons(
        code="lower_principal_tenure_short",
        rule=_("Tenure as principal of the lower level before a deputy post"),
        message=_(
            "Served %(actual)s as principal of the lower level; "
            "at least %(required_years)s years are required."
        ),
        served=served,
        on=on,
        years=figures.deputy_from_lower_principal_years,
    )


# --- the cadre's record ---------------------------------------------------------------------


@eligibility_rule("work_years_short")
def work_years_short(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    rule = _("Years of work")
    params: dict = {"required_years": figures.min_work_years, "work_start_date": facts.work_start_date}
    if facts.work_start_date is None:
        return [
            make_reason("work_years_short", rule, _("The date of starting work is not recorded."), params)
        ]
    if add_years(start=facts.work_start_date, years=figures.min_work_years) <= on:
        return []
    span = tenure_span(start=min(facts.work_start_date, on), on=on)
    params |= {"actual_years": span.years, "actual_months": span.months, "actual": format_tenure(span=span)}
    message = _("Has worked %(actual)s; at least %(required_years)s years are required.")
    return [make_reason("work_years_short", rule, message, params)]


@eligibility_rule("education_below")
def education_below(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    rule = _("Education")
    params = {
        "required": figures.min_education,
        "required_label": EDUCATION_LEVELS[figures.min_education],
        "actual": facts.education,
    }
    if facts.education not in EDUCATION_LEVELS:
        return [make_reason("education_below", rule, _("The education is not recorded."), params)]
    if education_rank(facts.education) >= education_rank(figures.min_education):
        return []
    params["actual_label"] = EDUCATION_LEVELS[facts.education]
    message = _("Education %(actual_label)s is below the required %(required_label)s.")
    return [make_reason("education_below", rule, message, params)]


@eligibility_rule("age_limit")
def age_limit(*, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures) -> list[Reason]:
    rule = _("Age limit of the post")
    if facts.retirement_date is not None and on >= facts.retirement_date:
        message = _("Reaches retirement on %(retirement_date)s.")
        return [make_reason("age_limit", rule, message, {"retirement_date": facts.retirement_date})]
    if target.age_limit is None:
        return []
    params: dict = {"age_limit": target.age_limit}
    if facts.birth_date is None:
        return [make_reason("age_limit", rule, _("The birth date is not recorded."), params)]
    params["age"] = tenure_span(start=min(facts.birth_date, on), on=on).years
    if params["age"] < target.age_limit:
        return []
    message = _("Aged %(age)s, at or past the post's limit of %(age_limit)s.")
    return [make_reason("age_limit", rule, message, params)]


@eligibility_rule("recusal")
def recusal(*, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures) -> list[Reason]:
    """任职回避: same leadership team, direct line of supervision, or a sensitive office of a unit
    a relative leads."""
    reasons = []
    for relative in facts.relatives:
        if relative.relation not in RECUSAL_RELATIONS:
            continue
        for ground in _recusal_grounds(relative=relative, target=target):
            params = {
                "relation": relative.relation,
                "relation_label": RECUSAL_RELATIONS[relative.relation],
                "cadre_id": relative.cadre_id,
                "ground": ground,
                "ground_label": RECUSAL_GROUNDS[ground],
            }
            message = _("A relative (%(relation_label)s) would be in %(ground_label)s.")
            reasons.append(make_reason("recusal", _("Recusal"), message, params))
    return reasons


def _recusal_grounds(*, relative: RelativeFact, target: TargetPost) -> list[str]:
    grounds = []
    if target.team_id is not None and target.team_id in relative.team_ids:
        grounds.append("same_team")
    if target.supervises_unit_ids & relative.unit_ids or target.unit_id in relative.supervision_unit_ids:
        grounds.append("supervision")
    if target.sensitive_office and target.office_of_unit_id in relative.unit_ids:
        grounds.append("sensitive_office")
    return grounds


# training_hours_short: registered by the training system (training.rules), from its hours ledger.


# --- the post's category, the family, the cadre's current post ------------------------------

PARTY_CATEGORY = "party"
LEADERSHIP_TIERS = ("college", "middle")  # the leadership posts of the 2019 regulations
# The record keeps 入党时间, the day the cadre was admitted as a probationary member; the 党章
# counts standing (党龄) from the day full membership begins, one probation year later when the
# probation was not extended. We count from that day, so an extended probation is the only case
# where the standing shown is longer than the real one.
PARTY_PROBATION_YEARS = 1


def held_on(appointment: AppointmentFact, on: date) -> bool:
    return appointment.start <= on and (appointment.end is None or appointment.end > on)


@eligibility_rule("party_membership_required")
def party_membership_required(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """A party post needs a full CPC member (not probationary) with the standing its level requires."""
    if target.category != PARTY_CATEGORY:
        return []
    rule = _("Party membership for a party post")
    status = facts.political_status
    params: dict = {
        "political_status": status,
        "political_status_label": dict(PoliticalStatus.choices).get(status, status or "—"),
        "required_years": target.party_standing_years,
    }
    if status != PoliticalStatus.CPC_MEMBER:
        message = _(
            "A party post needs a full member of the Communist Party; "
            "the cadre is %(political_status_label)s."
        )
        return [make_reason("party_membership_required", rule, message, params)]
    if target.party_standing_years is None:
        return []
    if facts.party_join_date is None:
        message = _("The date of joining the party is not recorded.")
        return [make_reason("party_membership_required", rule, message, params)]
    since = add_years(start=facts.party_join_date, years=PARTY_PROBATION_YEARS)
    if add_years(start=since, years=target.party_standing_years) <= on:
        return []
    span = tenure_span(start=min(since, on), on=on)
    params |= {
        "party_join_date": facts.party_join_date,
        "standing_since": since,
        "actual_years": span.years,
        "actual": format_tenure(span=span),
    }
    message = _(
        "Party standing of %(actual)s (full member since %(standing_since)s); "
        "at least %(required_years)s years are required."
    )
    return [make_reason("party_membership_required", rule, message, params)]


@eligibility_rule("family_abroad")
def family_abroad(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """配偶已移居国（境）外，或者没有配偶、子女均已移居国（境）外: no inspection candidate for a
    leadership post (2019 regulations)."""
    if target.level_tier not in LEADERSHIP_TIERS:
        return []
    all_children = not facts.has_spouse and facts.children > 0 and facts.children_abroad == facts.children
    if not facts.spouse_abroad and not all_children:
        return []
    params = {
        "spouse_abroad": facts.spouse_abroad,
        "children": facts.children,
        "children_abroad": facts.children_abroad,
    }
    if facts.spouse_abroad:
        message = _("The spouse has settled abroad: not a candidate for a leadership post.")
    else:
        message = _(
            "Has no spouse and every child has settled abroad: not a candidate for a leadership post."
        )
    return [make_reason("family_abroad", _("Family settled abroad"), message, params)]


@eligibility_rule("holds_this_post")
def holds_this_post(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    if target.post_id is None:
        return []
    if not any(a.post_id == target.post_id and held_on(a, on) for a in facts.appointments):
        return []
    params = {"post_id": target.post_id}
    return [make_reason("holds_this_post", _("Current post"), _("Already holds this post."), params)]


@eligibility_rule("below_current_level")
def below_current_level(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """A post of a lower level than the cadre's primary post; the same level (a lateral move) is fine."""
    current = [a for a in facts.appointments if a.is_primary and held_on(a, on)]
    if not current or min(a.level_rank for a in current) >= target.level_rank:
        return []
    params = {"current_rank": min(a.level_rank for a in current), "target_rank": target.level_rank}
    message = _("The post is of a lower level than the cadre's current post.")
    return [make_reason("below_current_level", _("Current level"), message, params)]
