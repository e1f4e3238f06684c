"""Demo data of the four musts' records: the year's personal-matters filings of the college's
middle-level cadres with a random draw, a file review and a targeted check for the first candidate
of the selection in inspection (the second's file review left 存疑, so the gate shows both states),
papers in custody with one lent for an approved trip and one expiring soon."""

import datetime

from django.utils import timezone

from cadres.demo.college import ROOT_CODE, cadres_under
from cadres.models import SelectionCandidate
from core.demo import Seeder
from oversight.models import PersonalMattersReport, TravelDocument
from oversight.services.file_reviews import file_review_record
from oversight.services.personal_matters import (
    filing_season_open,
    matters_check_record,
    random_draw,
    report_record,
)
from oversight.services.travel import document_lend, document_save, trip_decide, trip_request

ITEMS = [
    {"kind": "marriage", "content": "已婚"},
    {"kind": "real_estate", "content": "示范市学府路住宅一套，120㎡，本人与配偶共有"},
    {"kind": "income", "content": "工资、绩效及津贴补贴"},
]


def seed_musts(*, scale: str, acting_user) -> list[str]:
    cadres = cadres_under(ROOT_CODE)
    today = timezone.localdate()
    if len(cadres) < 110 or PersonalMattersReport.objects.filter(cadre__in=cadres).exists():
        return []
    filing_season_open(year=today.year, on=today, acting_user=acting_user)
    reports = PersonalMattersReport.objects.filter(cadre__in=cadres, year=today.year).order_by("pk")
    for index, report in enumerate(reports):
        if index % 12 == 11:  # a few still outstanding
            continue
        received = min(report.due_on, today) - datetime.timedelta(days=index % 20)
        report_record(
            cadre=report.cadre, year=report.year, received_on=received, items=ITEMS, acting_user=acting_user
        )
    if reports.filter(received_on__isnull=False).exists():
        random_draw(year=today.year, seed=f"{today.year}-demo", acting_user=acting_user)
    _candidates(today, acting_user)
    _papers(cadres, today, acting_user)
    return []


def _candidates(today, acting_user) -> None:
    candidates = SelectionCandidate.objects.filter(process__state="inspection").select_related(
        "cadre", "process"
    )
    candidates = candidates.order_by("process_id", "pk")[:2]
    for index, candidate in enumerate(candidates):
        cadre = candidate.cadre
        items = [
            {
                "item": "birth_date",
                "file_value": cadre.birth_date.isoformat(),
                "material": "干部履历表",
                "finding": "consistent",
            },
            {
                "item": "cadre_status",
                "file_value": "1998年毕业分配，干部身份",
                "material": "录用审批表",
                "finding": "consistent",
            },
        ]
        if index == 1:
            items.append(
                {
                    "item": "party_join_date",
                    "file_value": "",
                    "material": "入党志愿书缺失",
                    "finding": "doubt",
                }
            )
        file_review_record(
            cadre=cadre, selection=candidate.process, reviewed_on=today, items=items, acting_user=acting_user
        )
        report = (
            PersonalMattersReport.objects.filter(cadre=cadre, received_on__isnull=False)
            .order_by("-year")
            .first()
        )
        if report is None:
            report = report_record(
                cadre=cadre, year=today.year, received_on=today, items=ITEMS, acting_user=acting_user
            )
        if index == 0:
            matters_check_record(
                report=report,
                kind="targeted",
                selection=candidate.process,
                checked_on=today,
                comparison_date=today,
                findings=[
                    {"item": "real_estate", "result": "truthful"},
                    {"item": "investments", "result": "truthful"},
                ],
                acting_user=acting_user,
            )


def _papers(cadres, today, acting_user) -> None:
    holders = cadres[10:14]
    for index, cadre in enumerate(holders):
        expires = today + datetime.timedelta(days=60 if index == 0 else 1500)
        document_save(
            document=TravelDocument(
                cadre=cadre,
                kind="passport" if index % 2 == 0 else "hk_macau",
                number=f"E{9000000 + cadre.pk}",
                issued_on=expires - datetime.timedelta(days=3650),
                expires_on=expires,
                received_on=today - datetime.timedelta(days=200),
                box=f"A-{index + 1:02d}",
            ),
            acting_user=acting_user,
        )
    traveller = holders[1]
    trip = trip_request(
        cadre=traveller,
        destination="中国香港",
        purpose="探亲",
        departs_on=today,
        returns_on=today + datetime.timedelta(days=6),
        acting_user=acting_user,
    )
    for stage in trip.chain:
        trip = trip_decide(trip=trip, stage=stage, decision="approved", acting_user=acting_user)
    document_lend(
        document=TravelDocument.objects.get(cadre=traveller),
        lent_on=today,
        trip=trip,
        acting_user=acting_user,
    )
    trip_request(
        cadre=holders[2],
        destination="日本",
        purpose="旅游",
        departs_on=today + datetime.timedelta(days=30),
        returns_on=today + datetime.timedelta(days=37),
        acting_user=acting_user,
    )


SEEDER = Seeder("oversight-musts", 45, seed_musts)
