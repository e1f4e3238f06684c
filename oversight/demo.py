"""Demo sanctions: three in the college, one still in its effect period."""

import datetime

from cadres.demo.college import ROOT_CODE, cadres_under
from core.demo import Seeder
from oversight.choices import SanctionKind
from oversight.models import Sanction
from oversight.services import sanction_save

SANCTIONS = [
    # (index of the cadre in the college, kind, decision date, reason)
    (20, SanctionKind.ADMONISHMENT, datetime.date(2026, 8, 10), "落实中央八项规定精神不到位"),
    (45, SanctionKind.PARTY_WARNING, datetime.date(2025, 12, 1), "违规发放津贴补贴"),
    (70, SanctionKind.TRANSFER, datetime.date(2024, 5, 20), "履职不力，造成不良影响"),
]


def seed_sanctions(*, scale: str, acting_user) -> list[str]:
    cadres = cadres_under(ROOT_CODE)
    if len(cadres) < 110 or Sanction.objects.filter(cadre__in=cadres).exists():
        return []
    for index, kind, decided, reason in SANCTIONS:
        sanction = Sanction(
            cadre=cadres[index],
            kind=kind,
            decision_date=decided,
            reason=reason,
            document_no=f"示范院纪〔{decided.year}〕{decided.month}号",
        )
        sanction_save(sanction=sanction, acting_user=acting_user)
    return []


SEEDER = Seeder("oversight", 30, seed_sanctions)
