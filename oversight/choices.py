"""The oversight system's vocabularies, once: models, rules, forms and demo data import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SanctionKind(models.TextChoices):
    """Sanctions and organisational measures with an effect period (影响期)."""

    ADMONISHMENT = "admonishment", _("Admonishment")  # 诫勉
    PARTY_WARNING = "party_warning", _("Party warning")  # 党内警告
    PARTY_SERIOUS_WARNING = "party_serious_warning", _("Serious party warning")  # 党内严重警告
    PARTY_POST_REMOVAL = "party_post_removal", _("Removal from party posts")  # 撤销党内职务
    GOV_WARNING = "gov_warning", _("Administrative warning")  # 政务/事业单位 警告
    GOV_DEMERIT = "gov_demerit", _("Demerit")  # 记过
    GOV_MAJOR_DEMERIT = "gov_major_demerit", _("Major demerit")  # 记大过
    GOV_DEMOTION = "gov_demotion", _("Demotion in grade")  # 降级
    GOV_DISMISSAL = "gov_dismissal", _("Dismissal from post")  # 撤职
    POST_GRADE_LOWERING = "post_grade_lowering", _("Lowering of post grade")  # 降低岗位等级
    TRANSFER = "transfer", _("Transfer from post")  # 调离岗位
    ORDERED_RESIGNATION = "ordered_resignation", _("Ordered resignation")  # 责令辞职
    REMOVAL = "removal", _("Removal from post")  # 免职
    DEMOTION = "demotion", _("Demotion")  # 降职


# Default effect periods in months (national regulations): (no promotion, no higher post).
# The EffectPeriod table starts from these (migration 0002) and administrators edit it.
DEFAULT_EFFECT_MONTHS: dict[str, tuple[int, int | None]] = {
    SanctionKind.ADMONISHMENT: (6, None),
    SanctionKind.PARTY_WARNING: (12, None),
    SanctionKind.PARTY_SERIOUS_WARNING: (18, None),
    SanctionKind.PARTY_POST_REMOVAL: (24, None),
    SanctionKind.GOV_WARNING: (6, None),
    SanctionKind.GOV_DEMERIT: (12, None),
    SanctionKind.GOV_MAJOR_DEMERIT: (18, None),
    SanctionKind.GOV_DEMOTION: (24, None),
    SanctionKind.GOV_DISMISSAL: (24, None),
    SanctionKind.POST_GRADE_LOWERING: (24, None),
    SanctionKind.TRANSFER: (12, None),
    # 责令辞职/免职: no post for 12 months, no post higher than the former one for 24.
    SanctionKind.ORDERED_RESIGNATION: (12, 24),
    SanctionKind.REMOVAL: (12, 24),
    SanctionKind.DEMOTION: (24, None),
}
