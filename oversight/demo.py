"""Demo data of the oversight system: three sanctions in the college, and the discipline office's
work on complaints (one per way of disposal, a case from a preliminary check, an excusal)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cadres.demo.college import ROOT_CODE, cadres_under
from core.demo import Seeder
from oversight.choices import SanctionKind
from oversight.models import Complaint, ComplaintSettings, Sanction
from oversight.services import cases, complaints, inquiries, sanction_save
from oversight.services.attachments import complaint_attachment_add

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

# (index of the cadre, channel, days ago received, named reporter or None, content, steps)
COMPLAINTS = [
    (
        30,
        "letter",
        70,
        ("周明", "13700000001", "示范市文化路8号"),
        "反映其利用职务便利为亲属承揽工程",
        "case",
    ),
    (31, "online", 40, None, "反映其工作日午间饮酒", "talk_inquiry"),
    (32, "phone", 25, ("吴芳", "13700000002", ""), "反映其违规报销差旅费", "hold"),
    (33, "visit", 12, None, "反映其在职称评审中打招呼", "accepted"),
    (34, "mailbox", 5, None, "反映其办公用房超标", "registered"),
]


def _walk(made, cadre, steps: str, received: datetime.date, acting_user) -> None:
    if steps == "registered":
        return
    complaints.complaint_accept(
        complaint=made, decided_on=received + datetime.timedelta(days=3), acting_user=acting_user
    )
    if steps == "accepted":
        return
    way = "preliminary_check" if steps == "case" else steps
    disposed = received + datetime.timedelta(days=8)
    complaints.complaint_dispose(
        complaint=made, way=way, decided_on=disposed, reason="", acting_user=acting_user
    )
    if steps != "case":
        return
    case = cases.case_open(
        cadre=cadre, complaint=made, opened_on=disposed + datetime.timedelta(days=2), acting_user=acting_user
    )
    cases.case_note_add(case=case, text="调取相关合同及付款凭证，约谈本人。", acting_user=acting_user)
    cases.case_conclude(
        case=case,
        outcome="sanction",
        form=2,
        sanction_kind="party_serious_warning",
        decided_on=disposed + datetime.timedelta(days=30),
        reason="违规干预工程项目",
        acting_user=acting_user,
    )
    complaints.complaint_conclude(
        complaint=made,
        result="substantiated",
        decided_on=disposed + datetime.timedelta(days=31),
        reason="基本属实，已立案处理",
        acting_user=acting_user,
    )


def seed_complaints(*, scale: str, acting_user) -> list[str]:
    ComplaintSettings.objects.get_or_create(pk=1)
    cadres = cadres_under(ROOT_CODE)
    if len(cadres) < 40 or Complaint.objects.exists():
        return []
    today = timezone.localdate()
    for index, channel, ago, reporter, content, steps in COMPLAINTS:
        cadre = cadres[index]
        received = today - datetime.timedelta(days=ago)
        who = complaints.Reporter(False, *reporter) if reporter else complaints.Reporter()
        made, _code = complaints.complaint_register(
            unit=cadre.unit,
            channel=channel,
            received_on=received,
            category="integrity",
            content=content,
            subjects=[cadre],
            reporter=who,
            acting_user=acting_user,
        )
        _walk(made, cadre, steps, received, acting_user)
        if steps == "talk_inquiry":
            _inquire(made, cadre, received, acting_user)
        if steps == "case":
            upload = SimpleUploadedFile("举报信扫描件.txt", "（演示）举报信原文。".encode())
            complaint_attachment_add(complaint=made, uploads=[upload], acting_user=acting_user)
    excused = cases.case_open(
        cadre=cadres[35], opened_on=today - datetime.timedelta(days=50), acting_user=acting_user
    )
    cases.case_conclude(
        case=excused,
        outcome="excused",
        form=1,
        decided_on=today - datetime.timedelta(days=20),
        reason="推进校企合作改革中先行先试出现失误，未谋取私利，依规容错免责。",
        acting_user=acting_user,
    )
    return [
        f"  {len(COMPLAINTS)} complaints (one with an attachment), a letter inquiry, "
        "one case concluded with a sanction and one excused"
    ]


def _inquire(made, cadre, received: datetime.date, acting_user) -> None:
    """函询 for the complaint disposed of by inquiry: sent, and the cadre's written reply in."""
    inquiry = inquiries.inquiry_send(
        cadre=cadre,
        complaint=made,
        sent_on=received + datetime.timedelta(days=10),
        letter="现就群众反映你工作日午间饮酒问题函询，请于15日内作出书面说明。",
        acting_user=acting_user,
    )
    inquiries.inquiry_reply(
        inquiry=inquiry,
        replied_on=received + datetime.timedelta(days=20),
        reply="本人系陪同外地来访专家用餐，未饮酒，有同行人员可证明。",
        acting_user=acting_user,
    )


COMPLAINT_SEEDER = Seeder("oversight-complaints", 35, seed_complaints)
