"""The cadre record as a user may see it (core.visibility): which fields, which ID number."""

from cadres.models import Cadre
from cadres.rules.id_number import mask_id_number
from core.visibility import APPRAISAL_GRADES, FAMILY_MEMBERS, FULL_ID_NUMBER, SANCTIONS, visible_facts

# Free-text fields of the form that carry a fact: 奖惩情况 records sanctions beside rewards,
# 年度考核结果 the yearly grades; a role that may not see the fact sees neither field.
CADRE_FIELD_FACTS: dict[str, str] = {
    "rewards_punishments": SANCTIONS,
    "appraisal_summary": APPRAISAL_GRADES,
    "family": FAMILY_MEMBERS,
}


def hidden_cadre_fields(*, user) -> set[str]:
    facts = visible_facts(user)
    return {name for name, fact in CADRE_FIELD_FACTS.items() if fact not in facts}


def id_number_shown(*, user, number: str) -> str:
    """The ID number as `user` sees it: whole, or the province only."""
    if not number or FULL_ID_NUMBER in visible_facts(user):
        return number
    return mask_id_number(number)


def masked_sent_back(*, cadre: Cadre | None, value: str) -> bool:
    """Whether a form or client sent back the masked number it was shown: "unchanged"."""
    return (
        cadre is not None
        and cadre.pk is not None
        and "*" in value
        and mask_id_number(cadre.id_number) == value
    )
