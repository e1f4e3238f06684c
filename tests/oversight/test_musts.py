"""凡提四必 from the records: each computed check's clear/open state from the file review and the
personal-matters check, the gate at the decision, the administrator's override in the process
record, the 瞒报 bar, the papers-not-handed-in warning, the reproducible random draw, and the read
log of every personal-matters read."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from cadres.models import Cadre, ProcessEvent, ReserveCadre
from cadres.selectors.eligibility import cadre_eligibility
from cadres.services import selection as workflow
from cadres.services.reserve import reserve_save
from core.actors import system_actor
from core.errors import RuleViolation
from core.models import ReadLog
from oversight.models import ExitRegistration, FileReview, MattersItem, MustsSettings, Sanction
from oversight.services.file_reviews import file_review_record
from oversight.services.personal_matters import finding_resolve, matters_check_record, report_record
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import answer_integrity_opinions

D = datetime.date


def code_of(error: RuleViolation) -> str:
    return next(e.code for errors in error.error_dict.values() for e in errors)


def today():
    return timezone.localdate()


@pytest.fixture
def inspection(users, tree):
    """张三 a candidate in inspection, his report of the year received; the integrity opinion
    answered and no complaint about him pending, so only the file review and the personal matters
    are left."""
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    zhang = CadreFactory(unit=tree.a, name="张三", birth_date=D(1975, 1, 1), work_start_date=D(1997, 7, 1))
    deputy = PostFactory(unit=tree.a, title="副院长", level=level("middle_deputy"))
    AppointmentFactory(cadre=zhang, post=deputy, start_date=D(2018, 1, 1))
    ExitRegistration.objects.filter(cadre=zhang).update(papers_handed_in=D(2018, 1, 5))
    report_record(cadre=zhang, year=today().year, received_on=today(), acting_user=system_actor())
    process = workflow.selection_start(post=post, analysis="到龄", acting_user=users.hr)
    workflow.selection_record_recommendation(
        process=process, kind="meeting", participants=40, votes=[(zhang, 30)], acting_user=users.hr
    )
    workflow.selection_add_candidate(process=process, cadre=zhang, acting_user=users.hr)
    answer_integrity_opinions(process.pk, zhang)
    return process, zhang


def checks(api, user, process) -> dict:
    detail = api(user).get(f"/api/v1/selections/{process.pk}/").json()
    return {c["check"]: c for c in detail["candidates"][0]["checks"]}


def decide(api, user, process, cadre):
    body = {"members_total": 9, "members_present": 9, "votes": [{"cadre": cadre.pk, "for": 8}]}
    return api(user).post(f"/api/v1/selections/{process.pk}/decision/", body, format="json")


def review(api, user, cadre, process=None, finding="consistent", item="birth_date", value="1975-01-01"):
    body = {
        "cadre": cadre.pk,
        "reviewed_on": today().isoformat(),
        "items": [{"item": item, "file_value": value, "finding": finding}],
    }
    if process is not None:
        body["selection"] = process.pk
    return api(user).post("/api/v1/file-reviews/", body, format="json")


def matters_check(api, user, cadre, process, *findings):
    report = cadre_report(cadre)
    body = {
        "kind": "targeted",
        "selection": process.pk,
        "checked_on": today().isoformat(),
        "findings": [{"item": item, "result": result} for item, result in findings],
    }
    return api(user).post(f"/api/v1/personal-matters-reports/{report.pk}/checks/", body, format="json")


def cadre_report(cadre):
    from oversight.models import PersonalMattersReport

    return PersonalMattersReport.objects.get(cadre=cadre, year=today().year)


def another_selection(users, tree, cadre):
    post = PostFactory(unit=tree.a, title="书记", level=level("middle_principal"))
    other = workflow.selection_start(post=post, analysis="调整", acting_user=users.hr)
    workflow.selection_record_recommendation(
        process=other, kind="meeting", participants=40, votes=[(cadre, 30)], acting_user=users.hr
    )
    workflow.selection_add_candidate(process=other, cadre=cadre, acting_user=users.hr)
    return other


# ---- the gate ----------------------------------------------------------------------------------


def test_the_decision_waits_for_both_records_and_passes_once_they_are_clear(api, users, inspection):
    process, zhang = inspection
    state = checks(api, users.hr, process)
    assert state["file_review"]["state"] == "open" and state["file_review"]["computed"]
    assert (
        state["personal_matters"]["state"] == "open"
        and "尚未为本次选拔查核" in state["personal_matters"]["reason"]
    )
    refused = decide(api, users.hr, process, zhang)
    assert refused.status_code == 400 and refused.json()["code"] == "four_musts_open"
    assert len(refused.json()["open"]) == 2
    assert review(api, users.hr, zhang, process).status_code == 201
    assert decide(api, users.hr, process, zhang).json()["code"] == "four_musts_open"  # matters still open
    assert matters_check(api, users.hr, zhang, process, ("real_estate", "truthful")).status_code == 201
    state = checks(api, users.hr, process)
    assert {k: v["state"] for k, v in state.items()} == dict.fromkeys(state, "clear")
    assert state["file_review"]["links"] and state["personal_matters"]["links"]
    assert decide(api, users.hr, process, zhang).status_code == 200


def test_a_file_review_done_for_another_selection_counts_only_within_the_setting(
    api, users, tree, inspection
):
    process, zhang = inspection
    other = another_selection(users, tree, zhang)
    assert review(api, users.hr, zhang, other).status_code == 201
    assert checks(api, users.hr, process)["file_review"]["state"] == "open"  # 凡提必审: this selection's
    MustsSettings.objects.create(file_review_months=6)
    assert checks(api, users.hr, process)["file_review"]["state"] == "clear"  # within 6 months
    FileReview.objects.update(reviewed_on=today() - datetime.timedelta(days=200))
    assert checks(api, users.hr, process)["file_review"]["state"] == "open"  # older than 6 months


def test_a_doubt_keeps_the_review_open_until_resolved(api, users, inspection):
    process, zhang = inspection
    made = review(api, users.hr, zhang, process, finding="doubt", value="1974-12-01").json()
    assert made["open"] is True and made["open_doubts"] == 1
    state = checks(api, users.hr, process)["file_review"]
    assert state["state"] == "open" and "存疑" in state["reason"]
    body = {"item": made["items"][0]["id"], "finding": "consistent", "resolved_on": today().isoformat()}
    resolved = api(users.hr).post(f"/api/v1/file-reviews/{made['id']}/resolve/", body, format="json")
    assert resolved.status_code == 200 and resolved.json()["open"] is False
    assert checks(api, users.hr, process)["file_review"]["state"] == "clear"


def test_a_correction_updates_the_record_and_its_history_shows_both(api, users, inspection):
    process, zhang = inspection
    made = review(
        api, users.hr, zhang, process, finding="corrected", item="work_start_date", value="1997-09-01"
    )
    assert made.status_code == 201, made.json()
    assert made.json()["items"][0]["record_value"] == "1997-07-01"
    zhang.refresh_from_db()
    assert zhang.work_start_date == D(1997, 9, 1)
    values = list(
        Cadre.history.filter(id=zhang.pk).order_by("-history_id").values_list("work_start_date", flat=True)
    )
    assert values[0] == D(1997, 9, 1) and D(1997, 7, 1) in values
    bad = review(api, users.hr, zhang, process, finding="corrected", item="birth_date", value="not a date")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_date"


def test_an_omission_keeps_the_check_open_until_resolved(api, users, inspection):
    process, zhang = inspection
    review(api, users.hr, zhang, process)
    made = matters_check(
        api, users.hr, zhang, process, ("real_estate", "omitted"), ("income", "truthful")
    ).json()
    state = checks(api, users.hr, process)["personal_matters"]
    assert state["state"] == "open" and "漏报" in state["reason"]
    assert decide(api, users.hr, process, zhang).json()["code"] == "four_musts_open"
    finding = next(f for f in made["findings"] if f["result"] == "omitted")
    body = {"finding": finding["id"], "resolved_on": today().isoformat()}
    resolved = api(users.hr).post(
        f"/api/v1/personal-matters-checks/{made['id']}/resolve/", body, format="json"
    )
    assert resolved.status_code == 200
    assert checks(api, users.hr, process)["personal_matters"]["state"] == "clear"
    assert decide(api, users.hr, process, zhang).status_code == 200


def test_a_concealment_keeps_the_check_open_and_bars_promotion_and_the_reserve_pool(api, users, inspection):
    process, zhang = inspection
    review(api, users.hr, zhang, process)
    made = matters_check(api, users.hr, zhang, process, ("investments", "concealed")).json()
    state = checks(api, users.hr, process)["personal_matters"]
    assert state["state"] == "open" and "瞒报" in state["reason"]
    concealed = next(f for f in made["findings"])
    body = {"finding": concealed["id"], "resolved_on": today().isoformat()}
    refused = api(users.hr).post(
        f"/api/v1/personal-matters-checks/{made['id']}/resolve/", body, format="json"
    )
    assert refused.json()["code"] == "not_an_omission"
    result = cadre_eligibility(cadre=zhang, post=process.post, on=today())
    assert "personal_matters_concealed" in [r.code for r in result.blocks]
    with pytest.raises(RuleViolation) as refusal:
        reserve_save(
            reserve=ReserveCadre(cadre=zhang, target_level=level("college_deputy"), nomination_date=today()),
            acting_user=users.hr,
        )
    assert code_of(refusal.value) == "personal_matters_concealed"
    # The bar ends after the settings' months (12 by default): promotion is open again then.
    later = cadre_eligibility(cadre=zhang, post=process.post, on=today() + datetime.timedelta(days=367))
    assert "personal_matters_concealed" not in [r.code for r in later.blocks]


def test_papers_not_handed_in_after_a_promotion_warn_but_do_not_block(api, users, inspection):
    process, zhang = inspection
    ExitRegistration.objects.filter(cadre=zhang).update(papers_handed_in=None)
    review(api, users.hr, zhang, process)
    matters_check(api, users.hr, zhang, process, ("passports_trips", "truthful"))
    state = checks(api, users.hr, process)["personal_matters"]
    assert state["state"] == "clear" and "尚未交存" in state["warning"]
    assert decide(api, users.hr, process, zhang).status_code == 200  # a warning, not a block


def test_hr_cannot_tick_a_computed_check_and_the_admin_override_needs_a_reason(api, users, inspection):
    process, zhang = inspection
    url = f"/api/v1/selections/{process.pk}/checks/"
    body = {"cadre": zhang.pk, "check": "file_review", "result": "clear", "note": "已审"}
    assert api(users.hr).post(url, body, format="json").json()["code"] == "checks_are_computed"
    no_reason = {"cadre": zhang.pk, "check": "file_review", "result": "clear"}
    assert api(users.admin).post(url, no_reason, format="json").json()["code"] == "override_reason_required"
    for kind in ("file_review", "personal_matters"):
        body = {"cadre": zhang.pk, "check": kind, "result": "clear", "reason": "档案在外地调档，已电话核实"}
        assert api(users.admin).post(url, body, format="json").status_code == 200
    state = checks(api, users.hr, process)
    assert state["file_review"]["state"] == "clear" and state["file_review"]["override"] is True
    assert "已电话核实" in state["file_review"]["reason"]
    record = ProcessEvent.objects.filter(process=process, summary__contains="已电话核实")
    assert record.count() == 2 and record.first().actor == users.admin
    assert decide(api, users.hr, process, zhang).status_code == 200


# ---- personal-matters reports: access, read log, encryption ---------------------------------------


def test_every_read_of_a_report_is_logged_and_a_clerk_cannot_read_one(api, users, client, inspection):
    _process, zhang = inspection
    report = cadre_report(zhang)
    report_record(
        cadre=zhang,
        year=report.year,
        items=[{"kind": "real_estate", "content": "示范市学府路2号 120㎡"}],
        acting_user=users.hr,
    )
    url = f"/api/v1/personal-matters-reports/{report.pk}/"
    before = ReadLog.objects.count()
    answer = api(users.hr).get(url, {"purpose": "选拔考察"})
    assert answer.status_code == 200 and answer.json()["items"][0]["content"] == "示范市学府路2号 120㎡"
    row = ReadLog.objects.order_by("-id").first()
    assert ReadLog.objects.count() == before + 1
    assert (row.kind, row.channel, row.object_id, row.user, row.purpose) == (
        "personal_matters",
        "api",
        report.pk,
        users.hr,
        "选拔考察",
    )
    client.force_login(users.hr)
    assert client.get(f"/oversight/personal-matters/{report.pk}/").status_code == 200
    assert ReadLog.objects.filter(channel="page", object_id=report.pk).count() == 1
    for reader in (users.clerk, users.discipline, users.leader):
        assert api(reader).get(url).status_code == 403
        assert api(reader).get("/api/v1/personal-matters-reports/").status_code == 403
    client.force_login(users.clerk)
    assert client.get(f"/oversight/personal-matters/{report.pk}/").status_code == 403
    assert ReadLog.objects.count() == before + 2  # the refused reads read nothing


def test_a_clerk_sees_the_filing_status_of_his_unit_only(api, users, tree, inspection):
    _process, _zhang = inspection
    other = CadreFactory(unit=tree.b, name="王五")
    report_record(cadre=other, year=today().year, acting_user=system_actor())
    rows = api(users.clerk).get("/api/v1/personal-matters-status/").json()["results"]
    assert [r["cadre_name"] for r in rows] == ["张三"]
    assert set(rows[0]) == {
        "id",
        "cadre",
        "cadre_name",
        "unit_name",
        "year",
        "due_on",
        "received_on",
        "filed",
    }
    assert rows[0]["filed"] is True
    hr_rows = api(users.hr).get("/api/v1/personal-matters-status/").json()["results"]
    assert {r["cadre_name"] for r in hr_rows} == {"张三", "王五"}


def test_another_units_report_cannot_be_read_or_written(api, users, tree, inspection):
    from core.roles import HR
    from tests.factories import UserFactory

    _process, zhang = inspection
    hr_b = UserFactory(username="hr_b", role=HR, scope_unit=tree.b)
    report = cadre_report(zhang)
    assert api(hr_b).get(f"/api/v1/personal-matters-reports/{report.pk}/").status_code == 404
    body = {"cadre": zhang.pk, "year": today().year, "received_on": today().isoformat()}
    assert api(hr_b).post("/api/v1/personal-matters-reports/", body, format="json").status_code == 400
    assert api(hr_b).get("/api/v1/file-reviews/").json()["count"] == 0


def test_reported_contents_are_encrypted_at_rest_and_kept_out_of_the_history(users, inspection):
    _process, zhang = inspection
    report = cadre_report(zhang)
    report_record(
        cadre=zhang,
        year=report.year,
        items=[{"kind": "income", "content": "年薪三十万"}],
        acting_user=users.hr,
    )
    item = MattersItem.objects.get(report=report)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM oversight_mattersitem WHERE id = %s", [item.pk])
        stored = cursor.fetchone()[0]
    assert "年薪" not in stored and item.content == "年薪三十万"
    assert "content" not in [f.name for f in MattersItem.history.model._meta.get_fields()]


def test_a_handling_may_record_a_sanction_with_its_effect_period(api, users, inspection):
    process, zhang = inspection
    made = matters_check(api, users.hr, zhang, process, ("investments", "concealed")).json()
    body = {
        "handling": "sanction",
        "note": "瞒报投资",
        "sanction_kind": "admonishment",
        "decision_date": today().isoformat(),
    }
    answer = api(users.hr).post(
        f"/api/v1/personal-matters-checks/{made['id']}/handling/", body, format="json"
    )
    assert answer.status_code == 200, answer.json()
    sanction = Sanction.objects.get(pk=answer.json()["sanction"])
    assert sanction.cadre == zhang and sanction.effect_end > sanction.decision_date
    again = api(users.hr).post(f"/api/v1/personal-matters-checks/{made['id']}/handling/", body, format="json")
    assert again.json()["code"] == "sanction_exists"


def test_resolving_is_refused_before_the_check_and_twice(users, inspection):
    process, zhang = inspection
    check = matters_check_record(
        report=cadre_report(zhang),
        kind="targeted",
        selection=process,
        checked_on=today(),
        findings=[{"item": "income", "result": "omitted"}],
        acting_user=users.hr,
    )
    finding = check.findings.get()
    with pytest.raises(RuleViolation) as early:
        finding_resolve(
            finding=finding, resolved_on=today() - datetime.timedelta(days=1), acting_user=users.hr
        )
    assert code_of(early.value) == "before_check"
    finding_resolve(finding=finding, resolved_on=today(), acting_user=users.hr)
    with pytest.raises(RuleViolation) as twice:
        finding_resolve(finding=finding, resolved_on=today(), acting_user=users.hr)
    assert code_of(twice.value) == "already_resolved"


def test_a_review_for_a_selection_the_cadre_is_not_in_is_refused(users, tree, inspection):
    process, _zhang = inspection
    other = CadreFactory(unit=tree.a, name="赵六")
    with pytest.raises(RuleViolation) as refusal:
        file_review_record(
            cadre=other,
            selection=process,
            reviewed_on=today(),
            items=[{"item": "birth_date", "file_value": "", "finding": "consistent"}],
            acting_user=users.hr,
        )
    assert code_of(refusal.value) == "not_a_candidate"
