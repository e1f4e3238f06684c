import datetime

import factory

from core.actors import system_actor
from oversight.choices import SanctionKind
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import CadreFactory


class SanctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sanction

    cadre = factory.SubFactory(CadreFactory)
    kind = SanctionKind.ADMONISHMENT
    decision_date = datetime.date(2026, 1, 10)

    @classmethod
    def _create(cls, model_class, *args, acting_user=None, **kwargs):
        return sanction_save(sanction=model_class(*args, **kwargs), acting_user=acting_user or system_actor())


REPORTER = {"name": "赵举报", "phone": "13912345678", "address": "示范市学府路1号"}


def complaint(
    *,
    unit,
    subjects=(),
    acting_user=None,
    received_on=datetime.date(2026, 3, 1),
    channel="letter",
    named=True,
    content="反映其违规收受礼金",
):
    """A registered complaint through the service; named by 赵举报 unless `named=False`."""
    from oversight.services.complaints import Reporter, complaint_register

    reporter = Reporter(anonymous=False, **REPORTER) if named else Reporter()
    made, _code = complaint_register(
        unit=unit,
        channel=channel,
        received_on=received_on,
        category="integrity",
        content=content,
        subjects=list(subjects),
        reporter=reporter,
        acting_user=acting_user or system_actor(),
    )
    return made


def answer_integrity_opinions(process_id: int, *cadres, verdict="no_objection", text=""):
    """Answer the integrity opinions asked for with each candidate (纪检监察机关意见必听)."""
    from oversight.models import IntegrityOpinion
    from oversight.services.opinions import opinion_answer

    for cadre in cadres:
        opinion = IntegrityOpinion.objects.get(selection_id=process_id, cadre=cadre)
        opinion_answer(opinion=opinion, verdict=verdict, text=text, acting_user=system_actor())


def clear_musts_records(process_id: int, *cadres, on: datetime.date | None = None):
    """The records that clear 档案必审 and 个人有关事项必核 for each candidate: a file review done for
    the selection with every item consistent, and the latest report checked for it, all truthful."""
    from django.utils import timezone

    from cadres.models import SelectionProcess
    from oversight.services.file_reviews import file_review_record
    from oversight.services.personal_matters import matters_check_record, report_record

    on = on or timezone.localdate()
    process = SelectionProcess.objects.get(pk=process_id)
    actor = system_actor()
    for cadre in cadres:
        items = [{"item": "birth_date", "file_value": cadre.birth_date.isoformat(), "finding": "consistent"}]
        file_review_record(cadre=cadre, selection=process, reviewed_on=on, items=items, acting_user=actor)
        report = report_record(cadre=cadre, year=on.year, received_on=on, acting_user=actor)
        matters_check_record(
            report=report,
            kind="targeted",
            selection=process,
            checked_on=on,
            findings=[{"item": "real_estate", "result": "truthful"}],
            acting_user=actor,
        )


def clear_computed_checks(process_id: int, *cadres, on: datetime.date | str | None = None):
    """Every computed must of each candidate cleared from its records (the integrity opinion
    answered), the records dated `on` (default today): the decision may not come before them."""
    from oversight.models import IntegrityOpinion

    on = datetime.date.fromisoformat(on) if isinstance(on, str) else on
    clear_musts_records(process_id, *cadres, on=on)
    answer_integrity_opinions(process_id, *cadres)
    if on is not None:
        # The office answers as of today; a scenario dated in the past moves the answer to its day.
        IntegrityOpinion.objects.filter(selection_id=process_id, cadre__in=cadres).update(answered_on=on)
