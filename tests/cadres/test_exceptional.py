"""Exceptional promotion (破格) through the service, the API, the pages and admin: the table of
relaxable conditions, the regulations' limits on 破格, and what an override records."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadres.models import RelaxableReason, SelectionCandidate, SelectionProcess
from cadres.rules.tenure import add_years
from cadres.services import selection as workflow
from cadres.services.exceptional import relaxable_reason_save
from core.actors import system_actor
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level

D = datetime.date
TODAY = datetime.date.today()
OVERRIDE = {"override_reason": "业绩特别突出", "override_document": "省委组干〔2026〕12号"}


@pytest.fixture
def process(tree, users):
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    process = workflow.selection_start(post=post, acting_user=users.hr)
    workflow.selection_record_recommendation(
        process=process, kind="talk", participants=20, votes=[], acting_user=users.hr
    )
    return process


def deputy(tree, since, name="王新", **fields):
    cadre = CadreFactory(unit=tree.a, name=name, **fields)
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=since)
    return cadre


def add(process, cadre, user, **override):
    return workflow.selection_add_candidate(process=process, cadre=cadre, acting_user=user, **override)


def refusal_code(excinfo) -> str:
    return next(iter(excinfo.value.error_dict.values()))[0].code


class TestSeededTable:
    def test_defaults(self, db):
        rows = dict(RelaxableReason.objects.values_list("code", "relaxable"))
        for code in (
            "work_years_short",
            "deputy_tenure_short",
            "lower_principal_tenure_short",
            "education_below",
        ):
            assert rows[code] is True
        for code in (
            "sanction_effect_period",
            "age_limit",
            "appraisal_below_competent",
            "recusal",
            "party_membership_required",
            "family_abroad",
            "holds_this_post",
            "below_current_level",
        ):
            assert rows[code] is False
            assert RelaxableReason.objects.get(code=code).locked


class TestTableEdits:
    def test_a_locked_code_cannot_be_made_relaxable(self, users):
        row = RelaxableReason.objects.get(code="age_limit")
        row.relaxable = True
        with pytest.raises(ValidationError) as excinfo:
            relaxable_reason_save(reason=row, acting_user=users.admin)
        assert refusal_code(excinfo) == "relaxable_forbidden"
        assert not RelaxableReason.objects.get(code="age_limit").relaxable

    def test_a_forbidden_code_in_a_new_row_is_locked_and_refused(self, users):
        RelaxableReason.objects.filter(code="recusal").delete()
        with pytest.raises(ValidationError):
            relaxable_reason_save(
                reason=RelaxableReason(code="recusal", relaxable=True), acting_user=users.admin
            )
        row = relaxable_reason_save(reason=RelaxableReason(code="recusal"), acting_user=users.admin)
        assert row.locked

    def test_the_lock_cannot_be_lifted(self, users):
        row = RelaxableReason.objects.get(code="family_abroad")
        row.locked, row.relaxable = False, True
        with pytest.raises(ValidationError):
            relaxable_reason_save(reason=row, acting_user=users.admin)

    def test_the_database_refuses_a_locked_relaxable_row(self, db):
        with pytest.raises(IntegrityError), transaction.atomic():
            RelaxableReason.objects.filter(code="age_limit").update(relaxable=True)

    def test_a_new_qualification_may_be_made_relaxable(self, users):
        row = relaxable_reason_save(
            reason=RelaxableReason(code="grassroots_short", relaxable=True, note="基层经历"),
            acting_user=users.admin,
        )
        assert row.relaxable and not row.locked
        assert row.history.first().history_user == users.admin

    def test_admin_shows_locked_rows_read_only_and_refuses_to_delete_them(self, client, users):
        client.force_login(users.admin)
        assert client.get("/admin/cadres/relaxablereason/").status_code == 200
        row = RelaxableReason.objects.get(code="age_limit")
        page = client.get(f"/admin/cadres/relaxablereason/{row.pk}/change/").content.decode()
        assert 'name="relaxable"' not in page
        client.post(
            f"/admin/cadres/relaxablereason/{row.pk}/change/", {"relaxable": "on", "note": "试图放宽"}
        )
        assert not RelaxableReason.objects.get(code="age_limit").relaxable
        assert client.get(f"/admin/cadres/relaxablereason/{row.pk}/delete/").status_code == 403

    def test_admin_add_of_a_forbidden_code_shows_the_message(self, client, users):
        RelaxableReason.objects.filter(code="below_current_level").delete()
        client.force_login(users.admin)
        response = client.post(
            "/admin/cadres/relaxablereason/add/",
            {"code": "below_current_level", "relaxable": "on", "note": ""},
        )
        assert response.status_code == 200
        assert "破格提拔不得放宽" in response.content.decode()
        assert not RelaxableReason.objects.filter(code="below_current_level").exists()


class TestOverrideFollowsTheTable:
    def test_code_made_not_relaxable_or_absent_refuses(self, process, tree, users):
        junior = deputy(tree, D(2020, 1, 1), education="high_school")  # education_below only
        RelaxableReason.objects.filter(code="education_below").update(relaxable=False)
        with pytest.raises(ValidationError) as excinfo:
            add(process, junior, users.hr, **OVERRIDE)
        assert refusal_code(excinfo) == "not_relaxable"
        assert excinfo.value.extra["codes"] == ["education_below"]
        RelaxableReason.objects.filter(code="education_below").delete()
        with pytest.raises(ValidationError) as excinfo:
            add(process, junior, users.hr, **OVERRIDE)
        assert refusal_code(excinfo) == "not_relaxable"
        RelaxableReason.objects.create(code="education_below", relaxable=True)
        assert add(process, junior, users.hr, **OVERRIDE).relaxed_codes == ["education_below"]

    def test_an_eligible_cadre_needs_no_override(self, process, tree, users):
        clean = deputy(tree, D(2020, 1, 1), name="张伟")
        with pytest.raises(ValidationError) as excinfo:
            add(process, clean, users.hr, **OVERRIDE)
        assert refusal_code(excinfo) == "override_not_needed"
        assert add(process, clean, users.hr).override_by is None

    def test_document_without_a_reason(self, process, tree, users):
        junior = deputy(tree, D(2025, 6, 1))
        with pytest.raises(ValidationError) as excinfo:
            add(process, junior, users.hr, override_document="省委组干〔2026〕12号")
        assert refusal_code(excinfo) == "override_reason_required"


class TestBreakRules:
    @pytest.mark.parametrize(("days_short", "code"), [(0, None), (1, "break_rule_probation")])
    def test_promoted_a_year_ago_or_a_day_less(self, process, tree, users, days_short, code):
        since = add_years(start=TODAY, years=-1) + datetime.timedelta(days=days_short)
        junior = deputy(tree, since)  # deputy_tenure_short only
        if code is None:
            assert add(process, junior, users.hr, **OVERRIDE).relaxed_codes == ["deputy_tenure_short"]
            return
        with pytest.raises(ValidationError) as excinfo:
            add(process, junior, users.hr, **OVERRIDE)
        assert refusal_code(excinfo) == code
        assert not SelectionCandidate.objects.filter(cadre=junior).exists()

    def test_on_probation(self, process, tree, users):
        junior = CadreFactory(unit=tree.a, name="王新")
        AppointmentFactory(
            cadre=junior,
            post=PostFactory(unit=tree.a),
            start_date=D(2025, 6, 1),
            probation_end=TODAY + datetime.timedelta(1),
        )
        with pytest.raises(ValidationError) as excinfo:
            add(process, junior, users.hr, **OVERRIDE)
        assert refusal_code(excinfo) == "break_rule_probation"

    def test_tenure_relaxed_twice_in_a_row(self, process, tree, users):
        junior = deputy(tree, D(2025, 6, 1))
        earlier = SelectionProcess.objects.create(post=PostFactory(unit=tree.a), state="closed")
        SelectionCandidate.objects.create(
            process=earlier, cadre=junior, approved=True, relaxed_codes=["lower_principal_tenure_short"]
        )
        earlier.appointment = junior.appointments.get()
        earlier.save()
        with pytest.raises(ValidationError) as excinfo:
            add(process, junior, users.hr, **OVERRIDE)
        assert refusal_code(excinfo) == "break_rule_twice"

    def test_previous_promotion_relaxed_no_tenure(self, process, tree, users):
        junior = deputy(tree, D(2025, 6, 1))
        earlier = SelectionProcess.objects.create(post=PostFactory(unit=tree.a), state="closed")
        SelectionCandidate.objects.create(process=earlier, cadre=junior, relaxed_codes=["education_below"])
        earlier.appointment = junior.appointments.get()
        earlier.save()
        assert add(process, junior, users.hr, **OVERRIDE).relaxed_codes == ["deputy_tenure_short"]

    def test_one_level_skipped_allowed_two_refused(self, tree, users):
        section = CadreFactory(unit=tree.a, name="科长")
        AppointmentFactory(
            cadre=section, post=PostFactory(unit=tree.a, level=level("section")), start_date=D(2015, 1, 1)
        )
        for target, code in (("college_deputy", "break_rule_two_levels"), ("middle_principal", None)):
            process = workflow.selection_start(
                post=PostFactory(unit=tree.root, level=level(target)), acting_user=users.hr
            )
            workflow.selection_record_recommendation(
                process=process, kind="talk", participants=20, votes=[], acting_user=users.hr
            )
            if code is None:
                assert add(process, section, users.hr, **OVERRIDE).relaxed_codes == ["deputy_tenure_short"]
                continue
            with pytest.raises(ValidationError) as excinfo:
                add(process, section, users.hr, **OVERRIDE)
            assert refusal_code(excinfo) == code


class TestApiAndPages:
    def test_eligibility_says_what_is_relaxable(self, api, users, tree):
        post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
        old = deputy(tree, D(2025, 6, 1), birth_date=D(1960, 1, 1))
        body = api(users.hr).get(f"/api/v1/cadres/{old.pk}/eligibility/?post={post.pk}").json()
        relaxable = {r["code"]: r["relaxable"] for r in body["reasons"]}
        assert relaxable["deputy_tenure_short"] is True
        assert relaxable["age_limit"] is False

    def test_candidate_form_offers_the_document_and_names_the_relaxable(self, client, users, process, tree):
        client.force_login(users.hr)
        page = client.get(f"/selections/{process.pk}/").content.decode()
        assert 'name="candidates-override_document"' in page
        assert "可放宽：" in page and "工作年限" in page
        old = deputy(tree, D(2025, 6, 1), name="刘军", birth_date=D(1960, 1, 1))
        response = client.post(
            f"/selections/{process.pk}/candidates/",
            {
                "candidates-cadre": old.pk,
                "candidates-override_reason": "x",
                "candidates-override_document": "y",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "破格提拔不能放宽" in html and "可破格放宽" in html and "不可放宽" in html

    def test_the_page_shows_the_override(self, client, users, process, tree):
        add(process, deputy(tree, D(2025, 6, 1)), users.hr, **OVERRIDE)
        client.force_login(users.hr)
        page = client.get(f"/selections/{process.pk}/").content.decode()
        assert "省委组干〔2026〕12号" in page and "deputy_tenure_short" in page
        assert users.hr.display_name in page
        record = client.get(f"/selections/{process.pk}/print/").content.decode()
        assert "省委组干〔2026〕12号" in record and "任正职前的副职任职年限" in record

    def test_another_units_cadre_cannot_be_overridden_in(self, api, users, process, tree):
        other = CadreFactory(unit=tree.b, name="外单位")
        AppointmentFactory(cadre=other, post=PostFactory(unit=tree.b), start_date=D(2025, 6, 1))
        users.hr.scope_unit = tree.a
        users.hr.save()
        body = {"cadre": other.pk} | OVERRIDE
        response = api(users.hr).post(f"/api/v1/selections/{process.pk}/candidates/", body, format="json")
        assert response.status_code == 400
        assert "cadre" in response.json()["fields"]
        assert not SelectionCandidate.objects.filter(cadre=other).exists()


def test_system_actor_override_is_recorded(process, tree):
    candidate = add(process, deputy(tree, D(2025, 6, 1)), system_actor(), **OVERRIDE)
    assert candidate.override_by == system_actor()
