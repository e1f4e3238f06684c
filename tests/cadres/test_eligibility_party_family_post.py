"""Party posts, family abroad, the post held and the reserve level: from the database, through
the eligibility API, the candidate picker and the reserve pool (service, API, page, admin)."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadres.forms_selection import CandidateForm, ReserveForm
from cadres.models import PostLevel, ReserveCadre, SelectionProcess
from cadres.selectors.eligibility import cadre_eligibility
from cadres.services.reserve import reserve_save
from core.errors import RuleViolation
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level

D = datetime.date
TODAY = timezone.localdate


def codes_of(api, user, cadre, post, on="2026-06-01"):
    response = api(user).get(f"/api/v1/cadres/{cadre.pk}/eligibility/?post={post.pk}&on={on}")
    assert response.status_code == 200, response.json()
    return {r["code"] for r in response.json()["reasons"]}


@pytest.fixture
def posts(tree):
    return SimpleNamespace(
        secretary=PostFactory(
            unit=tree.a, title="党总支书记", level=level("middle_principal"), category="party"
        ),
        dean=PostFactory(unit=tree.a, title="院长", level=level("middle_principal"), category="academic"),
        deputy=PostFactory(unit=tree.a, title="副院长", level=level("middle_deputy"), category="academic"),
        office=PostFactory(unit=tree.a1, title="办公室主任", level=level("section"), category="party"),
    )


@pytest.mark.django_db
def test_the_migration_sets_the_party_standing_of_each_tier():
    years = dict(PostLevel.objects.values_list("code", "party_standing_years"))
    assert years == {
        "college_principal": 5,
        "college_deputy": 5,
        "middle_principal": 3,
        "middle_deputy": 3,
        "section": None,
    }


class TestPartyMembership:
    @pytest.mark.parametrize("status", ["non_party", "democratic_party", "cpc_probationary", "masses"])
    def test_only_a_full_member_may_hold_a_party_post(self, api, users, tree, posts, status):
        cadre = CadreFactory(unit=tree.a, political_status=status, party_join_date=None)
        assert "party_membership_required" in codes_of(api, users.hr, cadre, posts.secretary)
        assert "party_membership_required" not in codes_of(api, users.hr, cadre, posts.dean)

    def test_standing_boundary_through_the_api(self, api, users, tree, posts):
        # Joined 2022-06-01, a full member from 2023-06-01: three years on 2026-06-01.
        cadre = CadreFactory(unit=tree.a, party_join_date=D(2022, 6, 1))
        short = codes_of(api, users.hr, cadre, posts.secretary, on="2026-05-31")
        assert "party_membership_required" in short
        assert "party_membership_required" not in codes_of(api, users.hr, cadre, posts.secretary)

    def test_the_standing_is_the_levels_setting(self, api, users, tree, posts):
        cadre = CadreFactory(unit=tree.a, party_join_date=D(2022, 6, 1))
        PostLevel.objects.filter(code="middle_principal").update(party_standing_years=4)
        assert "party_membership_required" in codes_of(api, users.hr, cadre, posts.secretary)
        PostLevel.objects.filter(code="middle_principal").update(party_standing_years=None)
        assert "party_membership_required" not in codes_of(api, users.hr, cadre, posts.secretary)

    def test_a_section_party_post_needs_membership_but_no_standing(self, api, users, tree, posts):
        member = CadreFactory(unit=tree.a, party_join_date=D(2026, 1, 1))
        assert "party_membership_required" not in codes_of(api, users.hr, member, posts.office)
        masses = CadreFactory(unit=tree.a, political_status="masses", party_join_date=None)
        assert "party_membership_required" in codes_of(api, users.hr, masses, posts.office)


class TestFamilyAbroad:
    def test_spouse_abroad_blocks_through_the_api(self, api, users, tree, posts):
        cadre = CadreFactory(
            unit=tree.a, family=[{"relation": "spouse", "name": "王丽", "settled_abroad": True}]
        )
        assert "family_abroad" in codes_of(api, users.hr, cadre, posts.dean)
        assert "family_abroad" not in codes_of(api, users.hr, cadre, posts.office)

    @pytest.mark.parametrize(
        ("abroad", "blocks"), [((True, False), False), ((True, True), True), ((False, False), False)]
    )
    def test_children_abroad_without_a_spouse(self, api, users, tree, posts, abroad, blocks):
        family = [
            {"relation": relation, "name": name, "settled_abroad": flag}
            for relation, name, flag in zip(("son", "daughter"), ("李明", "李红"), abroad, strict=True)
        ]
        cadre = CadreFactory(unit=tree.a, family=family)
        assert ("family_abroad" in codes_of(api, users.hr, cadre, posts.dean)) is blocks

    def test_no_family_does_not_block(self, api, users, tree, posts):
        cadre = CadreFactory(
            unit=tree.a, family=[{"relation": "father", "name": "李父", "settled_abroad": True}]
        )
        assert "family_abroad" not in codes_of(api, users.hr, cadre, posts.dean)

    def test_the_cadre_api_reads_and_writes_the_flag(self, api, users, tree):
        cadre = CadreFactory(unit=tree.a)
        family = [{"relation": "spouse", "name": "王丽", "settled_abroad": True}]
        response = api(users.hr).patch(f"/api/v1/cadres/{cadre.pk}/", {"family": family}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["family"][0]["settled_abroad"] is True
        assert cadre.family.get().settled_abroad

    def test_the_form_and_the_record_page_show_the_flag(self, client, users, tree):
        cadre = CadreFactory(
            unit=tree.a, family=[{"relation": "spouse", "name": "王丽", "settled_abroad": True}]
        )
        client.force_login(users.hr)
        assert "已移居国（境）外" in client.get(f"/cadres/{cadre.pk}/").content.decode()
        assert 'name="family-0-settled_abroad"' in client.get(f"/cadres/{cadre.pk}/edit/").content.decode()

    def test_the_admin_inline_shows_the_flag(self, client, users, tree):
        cadre = CadreFactory(unit=tree.a, family=[{"relation": "spouse", "name": "王丽"}])
        client.force_login(users.admin)
        html = client.get(f"/admin/cadres/cadre/{cadre.pk}/change/").content.decode()
        assert "settled_abroad" in html


@pytest.fixture
def staff(tree, posts):
    """The dean, a deputy, and a college-level cadre, all in unit A."""
    dean = CadreFactory(unit=tree.a, name="院长甲")
    AppointmentFactory(cadre=dean, post=posts.dean, start_date=D(2020, 1, 1))
    deputy = CadreFactory(unit=tree.a, name="副院长乙")
    AppointmentFactory(cadre=deputy, post=posts.deputy, start_date=D(2020, 1, 1))
    senior = CadreFactory(unit=tree.a, name="校领导丙")
    AppointmentFactory(
        cadre=senior,
        post=PostFactory(unit=tree.root, title="副校长", level=level("college_deputy")),
        start_date=D(2020, 1, 1),
    )
    return SimpleNamespace(dean=dean, deputy=deputy, senior=senior)


class TestCurrentPost:
    def test_the_post_held_and_a_lower_one_are_reported(self, api, users, posts, staff):
        assert "holds_this_post" in codes_of(api, users.hr, staff.dean, posts.dean)
        assert "below_current_level" in codes_of(api, users.hr, staff.dean, posts.deputy)
        assert "below_current_level" in codes_of(api, users.hr, staff.senior, posts.dean)
        lateral = codes_of(api, users.hr, staff.dean, posts.secretary)
        assert not {"holds_this_post", "below_current_level"} & lateral
        assert not {"holds_this_post", "below_current_level"} & codes_of(
            api, users.hr, staff.deputy, posts.dean
        )

    def test_before_the_appointment_started_the_post_is_not_held(self, api, users, posts, staff):
        assert "holds_this_post" not in codes_of(api, users.hr, staff.dean, posts.dean, on="2019-12-31")

    def test_the_picker_leaves_out_the_holder_and_more_senior_cadres(self, users, posts, staff):
        process = SelectionProcess.objects.create(post=posts.dean, state="recommendation")
        offered = set(CandidateForm(user=users.hr, process=process).fields["cadre"].queryset)
        assert staff.deputy in offered
        assert staff.dean not in offered
        assert staff.senior not in offered

    def test_the_picker_keeps_a_lateral_move(self, users, posts, staff):
        process = SelectionProcess.objects.create(post=posts.secretary, state="inspection")
        offered = set(CandidateForm(user=users.hr, process=process).fields["cadre"].queryset)
        assert {staff.dean, staff.deputy} <= offered
        assert staff.senior not in offered

    def test_the_pickers_queries_do_not_grow_with_the_cadres(self, users, tree, posts, staff):
        process = SelectionProcess.objects.create(post=posts.dean, state="recommendation")

        def count():
            with CaptureQueriesContext(connection) as queries:
                list(CandidateForm(user=users.hr, process=process).fields["cadre"].queryset)
            return len(queries)

        before = count()
        for i in range(5):
            cadre = CadreFactory(unit=tree.a, name=f"干部{i}")
            AppointmentFactory(
                cadre=cadre, post=PostFactory(unit=tree.a, title=f"副职{i}"), start_date=D(2021, 1, 1)
            )
        assert count() == before

    def test_adding_the_holder_as_candidate_is_refused(self, api, users, posts, staff):
        client = api(users.hr)
        process = client.post(
            "/api/v1/selections/",
            {"post": posts.dean.pk, "analysis": "换届", "vacancy_date": timezone.localdate().isoformat()},
            format="json",
        )
        assert process.status_code == 201, process.json()
        votes = {"kind": "meeting", "participants": 30, "votes": [{"cadre": staff.dean.pk, "count": 20}]}
        pk = process.json()["id"]
        assert (
            client.post(f"/api/v1/selections/{pk}/recommendation/", votes, format="json").status_code == 200
        )
        response = client.post(
            f"/api/v1/selections/{pk}/candidates/", {"cadre": staff.dean.pk}, format="json"
        )
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "ineligible"
        assert "cadre" in body["fields"]

    def test_the_facts_take_one_family_query(self, tree, posts, staff, django_assert_num_queries):
        family = [{"relation": r, "name": f"亲属{r}"} for r in ("spouse", "son", "daughter", "father")]
        many = CadreFactory(unit=tree.a, name="多亲属", family=family)
        with CaptureQueriesContext(connection) as one:
            cadre_eligibility(cadre=staff.deputy, post=posts.dean, on=D(2026, 6, 1))
        with CaptureQueriesContext(connection) as four:
            cadre_eligibility(cadre=many, post=posts.dean, on=D(2026, 6, 1))
        assert len(four) == len(one)


class TestReserveLevel:
    def reserve(self, cadre, code, status="active"):
        return ReserveCadre(
            cadre=cadre, target_level=level(code), nomination_date=D(2025, 6, 1), status=status
        )

    def test_the_level_held_is_refused_by_the_service(self, users, staff):
        with pytest.raises(RuleViolation) as refused:
            reserve_save(reserve=self.reserve(staff.deputy, "middle_deputy"), acting_user=users.hr)
        assert refused.value.error_dict["target_level"][0].code == "reserve_level_held"
        assert not ReserveCadre.objects.exists()

    def test_one_level_up_is_fine(self, users, staff):
        reserve = reserve_save(reserve=self.reserve(staff.deputy, "middle_principal"), acting_user=users.hr)
        assert reserve.pk

    def test_a_passed_level_is_refused(self, users, staff):
        for code in ("middle_deputy", "middle_principal", "section"):
            with pytest.raises(RuleViolation):
                reserve_save(reserve=self.reserve(staff.senior, code), acting_user=users.hr)

    def test_a_level_held_before_counts(self, users, tree, posts):
        cadre = CadreFactory(unit=tree.a, name="曾任院长")
        AppointmentFactory(cadre=cadre, post=posts.dean, start_date=D(2018, 1, 1), end_date=D(2022, 1, 1))
        with pytest.raises(RuleViolation):
            reserve_save(reserve=self.reserve(cadre, "middle_principal"), acting_user=users.hr)

    def test_an_entry_leaving_the_pool_may_be_saved(self, users, staff):
        reserve = reserve_save(
            reserve=self.reserve(staff.deputy, "middle_deputy", status="appointed"), acting_user=users.hr
        )
        assert reserve.pk

    def test_the_api_names_the_field_and_code(self, api, users, staff):
        body = {
            "cadre": staff.deputy.pk,
            "target_level": level("middle_deputy").pk,
            "nomination_date": "2025-06-01",
        }
        response = api(users.hr).post("/api/v1/reserve-cadres/", body, format="json")
        assert response.status_code == 400
        assert response.json()["fields"]["target_level"][0]["code"] == "reserve_level_held"
        body["target_level"] = level("middle_principal").pk
        assert api(users.hr).post("/api/v1/reserve-cadres/", body, format="json").status_code == 201

    def test_changing_an_entry_to_a_held_level_is_refused(self, api, users, staff):
        reserve = reserve_save(reserve=self.reserve(staff.deputy, "middle_principal"), acting_user=users.hr)
        response = api(users.hr).patch(
            f"/api/v1/reserve-cadres/{reserve.pk}/", {"target_level": level("section").pk}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["fields"]["target_level"][0]["code"] == "reserve_level_held"
        reserve.refresh_from_db()
        assert reserve.target_level == level("middle_principal")

    def test_the_page_shows_the_refusal_on_the_field(self, client, users, staff):
        client.force_login(users.hr)
        data = {
            "cadre": staff.deputy.pk,
            "target_level": level("middle_deputy").pk,
            "nomination_date": "2025-06-01",
        }
        response = client.post("/reserves/", data)
        assert response.status_code == 200
        assert "或更高层级职务" in response.content.decode()
        assert not ReserveCadre.objects.exists()

    def test_the_admin_refuses_it(self, client, users, staff):
        client.force_login(users.admin)
        data = {
            "cadre": staff.deputy.pk,
            "target_level": level("middle_deputy").pk,
            "nomination_date": "2025-06-01",
            "status": "active",
        }
        response = client.post("/admin/cadres/reservecadre/add/", data)
        assert response.status_code == 200
        assert "或更高层级职务" in response.content.decode()
        assert not ReserveCadre.objects.exists()

    def test_the_suggestions_leave_out_who_reached_the_level(self, users, staff):
        offered = set(
            ReserveForm(user=users.hr, target_level=level("middle_principal")).fields["cadre"].queryset
        )
        assert staff.deputy in offered
        assert staff.dean not in offered
        assert staff.senior not in offered
        everyone = set(ReserveForm(user=users.hr).fields["cadre"].queryset)
        assert {staff.dean, staff.deputy, staff.senior} <= everyone

    def test_the_suggestions_page(self, client, users, staff):
        client.force_login(users.hr)
        html = client.get(f"/reserves/?target_level={level('middle_principal').pk}").content.decode()
        assert staff.deputy.name in html
        assert staff.dean.name not in html
        assert client.get("/reserves/?target_level=abc").status_code == 200  # said in a message

    def test_another_units_cadre_cannot_be_nominated(self, api, users, tree, staff):
        users.hr.scope_unit = tree.b
        users.hr.save()
        body = {
            "cadre": staff.deputy.pk,
            "target_level": level("middle_principal").pk,
            "nomination_date": "2025-06-01",
        }
        response = api(users.hr).post("/api/v1/reserve-cadres/", body, format="json")
        assert response.status_code == 400
        assert "cadre" in response.json()["fields"]


def test_the_standing_is_edited_through_the_level_api(api, users, tree):
    middle = level("middle_principal")
    url = f"/api/v1/post-levels/{middle.pk}/"
    assert api(users.hr).get(url).json()["party_standing_years"] == 3
    assert api(users.clerk).patch(url, {"party_standing_years": 4}, format="json").status_code == 403
    response = api(users.admin).patch(url, {"party_standing_years": 4}, format="json")
    assert response.status_code == 200, response.json()
    middle.refresh_from_db()
    assert middle.party_standing_years == 4
    bad = api(users.admin).patch(url, {"party_standing_years": -1}, format="json")
    assert bad.status_code == 400
    assert "party_standing_years" in bad.json()["fields"]


def test_the_suggestions_queries_do_not_grow_with_the_cadres(users, tree, staff):
    def count():
        with CaptureQueriesContext(connection) as queries:
            list(ReserveForm(user=users.hr, target_level=level("middle_principal")).fields["cadre"].queryset)
        return len(queries)

    before = count()
    for i in range(5):
        cadre = CadreFactory(unit=tree.a, name=f"后备{i}")
        AppointmentFactory(
            cadre=cadre, post=PostFactory(unit=tree.a, title=f"副职{i}"), start_date=D(2021, 1, 1)
        )
    assert count() == before


def test_the_suggestions_stay_in_the_users_scope(client, users, tree, staff):
    outsider = CadreFactory(unit=tree.b, name="外单位丁")
    users.hr.scope_unit = tree.a
    users.hr.save()
    offered = set(ReserveForm(user=users.hr, target_level=level("middle_principal")).fields["cadre"].queryset)
    assert staff.deputy in offered
    assert outsider not in offered
