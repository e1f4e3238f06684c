"""The selection workflow through the API: every step, every refusal, the boundaries."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from appraisal.models import AppraisalResult
from cadres.models import Appointment, CalendarDay, ProcessEvent, SelectionProcess, SelectionSettings
from core.actors import system_actor
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import clear_computed_checks, complaint

D = datetime.date
# Every must is computed from its records (oversight): clear_computed_checks.
CHECKS: list[str] = []
# The steps' dates before the notices these tests start (recommendation ≤ candidates ≤ checks ≤ decision).
RECOMMENDED, CHOSEN, CHECKED, DECIDED = "2025-09-01", "2025-09-02", "2025-09-03", "2025-09-10"


@pytest.fixture
def world(tree):
    """Unit A: a vacant principal post held by a predecessor; two deputies who have served 3 years."""
    principal = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    predecessor = CadreFactory(unit=tree.a, name="老院长", birth_date=D(1966, 1, 1))
    AppointmentFactory(cadre=predecessor, post=principal, start_date=D(2016, 1, 1))
    zhang = CadreFactory(unit=tree.a, name="张伟")
    li = CadreFactory(unit=tree.a, name="李娜", gender="female", birth_date=D(1980, 3, 3))
    for cadre in (zhang, li):
        AppointmentFactory(
            cadre=cadre, post=PostFactory(unit=tree.a, title=f"副院长{cadre.pk}"), start_date=D(2022, 1, 1)
        )
    return SimpleNamespace(post=principal, predecessor=predecessor, zhang=zhang, li=li)


def url(process, step=""):
    return f"/api/v1/selections/{process['id']}/{step + '/' if step else ''}"


def start(client, world):
    response = client.post(
        "/api/v1/selections/",
        {"post": world.post.pk, "analysis": "院长到龄", "vacancy_date": timezone.localdate().isoformat()},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def to_inspection(client, world):
    process = start(client, world)
    votes = [{"cadre": world.zhang.pk, "count": 40}, {"cadre": world.li.pk, "count": 25}]
    body = {"kind": "meeting", "participants": 60, "votes": votes, "date": RECOMMENDED}
    response = client.post(url(process, "recommendation"), body, format="json")
    assert response.status_code == 200, response.json()
    for cadre in (world.zhang, world.li):
        body = {"cadre": cadre.pk, "date": CHOSEN}
        assert client.post(url(process, "candidates"), body, format="json").status_code == 200
    return process


def clear_checks(client, process, *cadres):
    for cadre in cadres:
        for check in CHECKS:
            body = {"cadre": cadre.pk, "check": check, "result": "clear", "note": "无问题", "date": CHECKED}
            assert client.post(url(process, "checks"), body, format="json").status_code == 200
    clear_computed_checks(process["id"], *cadres, on=CHECKED)


def to_notice(client, world, start_date="2025-09-29"):
    process = to_inspection(client, world)
    clear_checks(client, process, world.zhang, world.li)
    body = {
        "members_total": 9,
        "members_present": 8,
        "votes": [{"cadre": world.zhang.pk, "for": 7}, {"cadre": world.li.pk, "for": 1}],
        "decision_date": DECIDED,
    }
    assert client.post(url(process, "decision"), body, format="json").status_code == 200
    response = client.post(url(process, "notice"), {"start_date": start_date}, format="json")
    assert response.status_code == 200, response.json()
    return process, response.json()


class TestHappyPath:
    def test_from_initiation_to_probation_review(self, api, users, world):
        client = api(users.hr)
        process, notice = to_notice(client, world)
        assert notice == {"start_date": "2025-09-29", "end_date": "2025-10-11"}
        response = client.post(
            url(process, "appoint"),
            {"cadre": world.zhang.pk, "document_no": "示范院党〔2025〕30号", "start_date": "2025-10-20"},
            format="json",
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["state"] == "appointed"
        appointment = Appointment.objects.get(pk=body["appointment"])
        assert (appointment.cadre, appointment.post) == (world.zhang, world.post)
        assert appointment.probation_end == D(2026, 10, 20)
        predecessor = Appointment.objects.get(cadre=world.predecessor)
        assert predecessor.end_date == D(2025, 10, 20)
        deputy = Appointment.objects.get(cadre=world.zhang, post__title__startswith="副院长")
        assert deputy.end_date == D(2025, 10, 20)
        response = client.post(url(process, "probation-review"), {"result": "confirmed"}, format="json")
        assert response.json()["state"] == "closed"
        steps = list(ProcessEvent.objects.filter(process_id=process["id"]).values_list("step", flat=True))
        assert steps[0] == "initiation" and steps[-1] == "probation"
        # The four musts come from their records, so no inspection step is recorded by hand.
        assert {"recommendation", "candidates", "decision", "notice", "appointment"} <= set(steps)
        assert ProcessEvent.objects.filter(process_id=process["id"], actor=users.hr).count() == len(steps)

    def test_timeline_and_candidates_in_detail(self, api, users, world):
        client = api(users.hr)
        process = to_inspection(client, world)
        body = client.get(url(process)).json()
        assert [c["cadre_name"] for c in body["candidates"]] == ["张伟", "李娜"]
        assert body["events"][0]["actor"] == users.hr.display_name

    def test_no_probation_when_already_at_the_level(self, api, users, world, tree):
        AppointmentFactory(
            cadre=world.zhang,
            post=PostFactory(unit=tree.b, level=level("middle_principal")),
            start_date=D(2010, 1, 1),
            end_date=D(2012, 1, 1),
            is_primary=False,
        )
        client = api(users.hr)
        process, _ = to_notice(client, world)
        body = client.post(
            url(process, "appoint"),
            {"cadre": world.zhang.pk, "document_no": "x", "start_date": "2025-10-20"},
            format="json",
        ).json()
        assert body["state"] == "closed"
        assert Appointment.objects.get(pk=body["appointment"]).probation_end is None


class TestRefusals:
    def test_steps_out_of_order(self, api, users, world):
        client = api(users.hr)
        process = start(client, world)
        response = client.post(url(process, "candidates"), {"cadre": world.zhang.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "step_out_of_order"
        response = client.post(url(process, "notice"), {"start_date": "2025-09-29"}, format="json")
        assert response.json()["code"] == "step_out_of_order"

    def test_one_open_process_per_post(self, api, users, world):
        client = api(users.hr)
        start(client, world)
        response = client.post("/api/v1/selections/", {"post": world.post.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "selection_open"

    def test_votes_cannot_exceed_participants(self, api, users, world):
        client = api(users.hr)
        process = start(client, world)
        body = {"kind": "talk", "participants": 10, "votes": [{"cadre": world.zhang.pk, "count": 11}]}
        response = client.post(url(process, "recommendation"), body, format="json")
        assert response.status_code == 400
        assert "votes.0.count" in response.json()["fields"]

    def test_ineligible_candidate_refused_with_reasons_unless_overridden(self, api, users, world, tree):
        junior = CadreFactory(
            unit=tree.a, name="王新", birth_date=D(1990, 1, 1), work_start_date=D(2023, 7, 1)
        )
        AppointmentFactory(
            cadre=junior, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2025, 6, 1)
        )
        client = api(users.hr)
        process = to_inspection(client, world)
        response = client.post(url(process, "candidates"), {"cadre": junior.pk}, format="json")
        assert response.status_code == 400
        error = response.json()
        assert error["code"] == "ineligible"
        codes = {r["code"] for r in error["reasons"]}
        assert {"deputy_tenure_short", "work_years_short"} <= codes
        assert all({"code", "severity", "rule", "message"} <= set(r) for r in error["reasons"])
        override = {"cadre": junior.pk, "override_reason": "破格提拔：重大贡献"}
        response = client.post(url(process, "candidates"), override, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "override_document_required"
        assert "override_document" in response.json()["fields"]
        response = client.post(
            url(process, "candidates"), override | {"override_document": "省委组干〔2026〕3号"}, format="json"
        )
        assert response.status_code == 200, response.json()
        added = next(c for c in response.json()["candidates"] if c["cadre"] == junior.pk)
        assert added["override_reason"] == "破格提拔：重大贡献"
        assert added["override_document"] == "省委组干〔2026〕3号"
        assert added["override_by"] == users.hr.display_name and added["override_at"]
        assert set(added["relaxed_codes"]) == {"deputy_tenure_short", "work_years_short"}
        assert all(r["relaxable"] for r in added["eligibility"] if r["severity"] == "block")

    def test_decision_blocked_while_a_must_is_open_or_an_issue(self, api, users, world):
        client = api(users.hr)
        process = to_inspection(client, world)
        clear_checks(client, process, world.zhang)
        body = {"members_total": 9, "members_present": 9, "votes": [{"cadre": world.zhang.pk, "for": 9}]}
        response = client.post(url(process, "decision"), body, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "four_musts_open"
        # 李娜's file review, personal-matters check and integrity opinion (no complaint: 举报必查 clear)
        assert len(response.json()["open"]) == 3
        clear_checks(client, process, world.li)
        complaint(unit=world.li.unit, subjects=[world.li])  # a complaint about her now being handled
        refused = client.post(url(process, "decision"), body, format="json").json()
        assert refused["code"] == "four_musts_open" and len(refused["open"]) == 1

    def test_check_for_someone_not_a_candidate(self, api, users, world, tree):
        client = api(users.hr)
        process = to_inspection(client, world)
        other = CadreFactory(unit=tree.a, name="赵六")
        body = {"cadre": other.pk, "check": "complaints", "result": "clear"}
        assert client.post(url(process, "checks"), body, format="json").json()["code"] == "not_a_candidate"

    @pytest.mark.parametrize(
        ("total", "present", "ok"),
        [(9, 6, True), (9, 5, False), (10, 7, True), (10, 6, False), (11, 8, True), (11, 7, False)],
    )
    def test_quorum_two_thirds(self, api, users, world, total, present, ok):
        client = api(users.hr)
        process = to_inspection(client, world)
        clear_checks(client, process, world.zhang, world.li)
        body = {
            "members_total": total,
            "members_present": present,
            "votes": [{"cadre": world.zhang.pk, "for": present}],
        }
        response = client.post(url(process, "decision"), body, format="json")
        if ok:
            assert response.status_code == 200, response.json()
        else:
            assert response.status_code == 400
            assert response.json()["code"] == "quorum_not_met"
            assert "members_present" in response.json()["fields"]

    @pytest.mark.parametrize(
        ("total", "votes_for", "approved"),
        [(9, 5, True), (9, 4, False), (10, 6, True), (10, 5, False), (11, 6, True), (11, 5, False)],
    )
    def test_votes_more_than_half_of_all_members(self, api, users, world, total, votes_for, approved):
        client = api(users.hr)
        process = to_inspection(client, world)
        clear_checks(client, process, world.zhang, world.li)
        body = {
            "members_total": total,
            "members_present": total,
            "votes": [{"cadre": world.zhang.pk, "for": votes_for}],
        }
        response = client.post(url(process, "decision"), body, format="json")
        if approved:
            assert response.json()["state"] == "decided"
        else:
            assert response.json()["code"] == "votes_insufficient"
            assert SelectionProcess.objects.get(pk=process["id"]).state == "inspection"

    def test_appointment_waits_for_the_end_of_the_notice(self, api, users, world):
        client = api(users.hr)
        today = datetime.date.today()
        process, notice = to_notice(client, world, start_date=today.isoformat())
        body = {"cadre": world.zhang.pk, "document_no": "x", "start_date": notice["end_date"]}
        response = client.post(url(process, "appoint"), body, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "notice_not_ended"

    def test_objection_pauses_until_resolved(self, api, users, world):
        client = api(users.hr)
        process, _ = to_notice(client, world)
        body = {"cadre": world.zhang.pk, "content": "反映其作风问题", "received_date": "2025-10-09"}
        detail = client.post(url(process, "objections"), body, format="json").json()
        appoint = {"cadre": world.zhang.pk, "document_no": "x", "start_date": "2025-10-20"}
        assert client.post(url(process, "appoint"), appoint, format="json").json()["code"] == "objection_open"
        objection_id = detail["objections"][0]["id"]
        resolve = {"resolution": "经核查不属实", "upheld": False, "resolved_date": "2025-10-15"}
        assert (
            client.post(
                url(process, f"objections/{objection_id}/resolve"), resolve, format="json"
            ).status_code
            == 200
        )
        assert client.post(url(process, "appoint"), appoint, format="json").status_code == 200

    def test_upheld_objection_withdraws_approval(self, api, users, world):
        client = api(users.hr)
        process, _ = to_notice(client, world)
        detail = client.post(
            url(process, "objections"),
            {"cadre": world.zhang.pk, "content": "x", "received_date": "2025-10-09"},
            format="json",
        ).json()
        client.post(
            url(process, f"objections/{detail['objections'][0]['id']}/resolve"),
            {"resolution": "属实", "upheld": True, "resolved_date": "2025-10-15"},
            format="json",
        )
        appoint = {"cadre": world.zhang.pk, "document_no": "x", "start_date": "2025-10-20"}
        assert client.post(url(process, "appoint"), appoint, format="json").json()["code"] == "not_approved"

    def test_refused_step_saves_nothing(self, api, users, world):
        client = api(users.hr)
        process = to_inspection(client, world)
        before = ProcessEvent.objects.count()
        client.post(
            url(process, "decision"), {"members_total": 9, "members_present": 9, "votes": []}, format="json"
        )
        assert ProcessEvent.objects.count() == before


class TestNoticeCalendar:
    @pytest.mark.parametrize(
        ("start_date", "end_date"),
        [
            ("2025-09-29", "2025-10-11"),  # National Day 2025: Oct 1-8 off, Sat Oct 11 a make-up working day
            ("2026-02-12", "2026-02-25"),  # Spring Festival 2026: Feb 15-23 off, Sat Feb 14 a working day
            ("2026-03-02", "2026-03-06"),  # a plain week: Monday to Friday
            ("2026-03-07", "2026-03-13"),  # starts on a Saturday
        ],
    )
    def test_end_is_the_fifth_working_day(self, api, users, world, start_date, end_date):
        _, notice = to_notice(api(users.hr), world, start_date=start_date)
        assert notice["end_date"] == end_date

    def test_admin_calendar_for_years_the_package_lacks(self, world):
        # A notice cannot start after today, so the notice's calendar is tried for a year ahead.
        from cadres.rules.workdays import add_working_days
        from cadres.selectors.eligibility import calendar_overrides

        CalendarDay.objects.create(date=D(2030, 10, 1), kind="holiday")
        CalendarDay.objects.create(date=D(2030, 10, 2), kind="holiday")
        CalendarDay.objects.create(date=D(2030, 10, 5), kind="workday")  # a Saturday
        holidays, workdays = calendar_overrides()
        # Mon Sep 30 is day 1; Oct 1-2 off; Oct 3, 4, 5 (make-up Saturday), then Mon Oct 7.
        end = add_working_days(start=D(2030, 9, 30), days=5, extra_holidays=holidays, extra_workdays=workdays)
        assert end == D(2030, 10, 7)

    def test_notice_days_are_a_setting(self, api, users, world):
        SelectionSettings.objects.filter(pk=1).update(notice_working_days=7)
        _, notice = to_notice(api(users.hr), world, start_date="2026-03-02")
        assert notice["end_date"] == "2026-03-10"


class TestEligibility:
    def get(self, api, users, cadre, post, on):
        response = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/eligibility/?post={post.pk}&on={on}")
        assert response.status_code == 200, response.json()
        return response.json()

    def codes(self, body):
        return {r["code"] for r in body["reasons"]}

    def test_deputy_tenure_boundary(self, api, users, world):
        # Deputies since 2022-01-01: two years on 2024-01-01.
        before = self.get(api, users, world.zhang, world.post, "2023-12-31")
        assert "deputy_tenure_short" in self.codes(before)
        assert not before["eligible"]
        message = next(r for r in before["reasons"] if r["code"] == "deputy_tenure_short")["message"]
        assert "不足 2 年" in message
        on_day = self.get(api, users, world.zhang, world.post, "2024-01-01")
        assert "deputy_tenure_short" not in self.codes(on_day)

    def test_sanction_effect_period_boundary(self, api, users, world):
        sanction = sanction_save(
            acting_user=system_actor(),
            sanction=Sanction(cadre=world.zhang, kind="party_warning", decision_date=D(2024, 3, 15)),
        )
        assert sanction.effect_end == D(2025, 3, 15)
        assert "sanction_effect_period" in self.codes(
            self.get(api, users, world.zhang, world.post, "2025-03-14")
        )
        assert "sanction_effect_period" not in self.codes(
            self.get(api, users, world.zhang, world.post, "2025-03-15")
        )

    def test_appraisal_in_last_three_years(self, api, users, world):
        AppraisalResult.objects.create(cadre=world.zhang, year=2023, grade="basically_competent")
        assert "appraisal_below_competent" in self.codes(
            self.get(api, users, world.zhang, world.post, "2026-06-01")
        )
        assert "appraisal_below_competent" not in self.codes(
            self.get(api, users, world.zhang, world.post, "2027-06-01")
        )

    def test_recusal_for_a_spouse_in_the_same_team(self, api, users, world, tree):
        spouse = CadreFactory(unit=tree.a, name="王芳", gender="female", birth_date=D(1977, 1, 1), family=[])
        AppointmentFactory(
            cadre=spouse,
            post=PostFactory(unit=tree.a, title="党总支书记", level=level("middle_principal")),
            start_date=D(2020, 1, 1),
        )
        world.zhang.family.create(relation="spouse", name="王芳", relative_cadre=spouse)
        body = self.get(api, users, world.zhang, world.post, "2026-06-01")
        assert "recusal" in self.codes(body)

    def test_effect_periods_are_a_setting(self, world):
        from oversight.models import EffectPeriod

        EffectPeriod.objects.filter(kind="party_warning").update(months=6)
        sanction = sanction_save(
            acting_user=system_actor(),
            sanction=Sanction(cadre=world.zhang, kind="party_warning", decision_date=D(2024, 3, 15)),
        )
        assert sanction.effect_end == D(2024, 9, 15)

    def test_eligibility_needs_selection_rights_and_scope(self, api, users, world, tree):
        other = CadreFactory(unit=tree.b, name="外单位")
        assert (
            api(users.clerk)
            .get(f"/api/v1/cadres/{world.zhang.pk}/eligibility/?post={world.post.pk}")
            .status_code
            == 403
        )
        assert api(users.hr).get(f"/api/v1/cadres/{world.zhang.pk}/eligibility/").status_code == 400
        users.hr.scope_unit = tree.a
        users.hr.save()
        assert (
            api(users.hr).get(f"/api/v1/cadres/{other.pk}/eligibility/?post={world.post.pk}").status_code
            == 404
        )


class TestScopeAndRoles:
    def test_other_units_processes_are_invisible(self, api, users, world, tree):
        client = api(users.hr)
        process = start(client, world)
        users.hr.scope_unit = tree.b
        users.hr.save()
        assert client.get(url(process)).status_code == 404
        assert client.get("/api/v1/selections/").json()["results"] == []
        assert client.post(url(process, "recommendation"), {}, format="json").status_code == 404

    def test_leader_reads_but_cannot_act(self, api, users, world):
        process = start(api(users.hr), world)
        assert api(users.leader).get(url(process)).status_code == 200
        response = api(users.leader).post(
            url(process, "recommendation"), {"kind": "talk", "participants": 5, "votes": []}, format="json"
        )
        assert response.status_code == 403

    def test_sanctions_hidden_from_clerks_and_leaders(self, api, users, world):
        sanction_save(
            acting_user=system_actor(),
            sanction=Sanction(cadre=world.zhang, kind="admonishment", decision_date=D(2025, 1, 1)),
        )
        assert api(users.hr).get("/api/v1/sanctions/").json()["count"] == 1
        assert api(users.discipline).get("/api/v1/sanctions/").json()["count"] == 1
        assert api(users.clerk).get("/api/v1/sanctions/").status_code == 403
        assert api(users.leader).get("/api/v1/sanctions/").status_code == 403

    def test_sanction_api_computes_effect_end(self, api, users, world):
        body = {
            "cadre": world.zhang.pk,
            "kind": "removal",
            "decision_date": "2025-01-31",
            "document_no": "纪〔2025〕1号",
        }
        created = api(users.discipline).post(
            "/api/v1/sanctions/", body | {"effect_end": "2099-01-01"}, format="json"
        )
        assert created.status_code == 201, created.json()
        assert created.json()["effect_end"] == "2026-01-31"
        assert created.json()["no_higher_post_end"] == "2027-01-31"

    def test_appraisal_results_api(self, api, users, world):
        body = {"cadre": world.zhang.pk, "year": 2025, "grade": "excellent"}
        assert api(users.hr).post("/api/v1/appraisal-results/", body, format="json").status_code == 201
        duplicate = api(users.hr).post("/api/v1/appraisal-results/", body, format="json")
        assert duplicate.status_code == 400
        assert api(users.leader).post("/api/v1/appraisal-results/", body, format="json").status_code == 403
