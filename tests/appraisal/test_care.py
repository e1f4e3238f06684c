"""Care (关心关爱): talks and their yearly coverage on a small org tree, the notes' visibility and
scope, visits, the health-check list and its jobs."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appraisal.models import CareTalk, HealthCheck, HealthCheckRound, Visit
from appraisal.selectors.care import leader_panel, talk_coverage
from appraisal.services.care import (
    care_talk_save,
    health_check_list_make,
    health_check_mark,
    health_check_round_arrange,
    talk_coverage_reminders,
    visit_save,
)
from appraisal.tasks import health_check_lists_task
from cadres.models import OrgUnitKind, PostCategory
from core.actors import system_actor
from core.models import Notification
from tests.factories import AppointmentFactory, CadreFactory, OrgUnitFactory, PostFactory, level

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year
EARLY = datetime.date(YEAR, 1, 2)


def serve(
    unit, title, level_code, name, category=PostCategory.ADMINISTRATIVE, since=datetime.date(2020, 1, 1)
):
    cadre = CadreFactory(unit=unit, name=name)
    post = PostFactory(unit=unit, title=title, level=level(level_code), category=category)
    AppointmentFactory(cadre=cadre, post=post, start_date=since)
    return cadre, post


@pytest.fixture
def org(tree):
    """The committee (secretary, president, a vice-president overseeing A) and units A and B."""
    committee = OrgUnitFactory(code="LD", name="学校党委", kind=OrgUnitKind.PARTY_COMMITTEE, parent=tree.root)
    secretary, _p = serve(committee, "党委书记", "college_principal", "书记", PostCategory.PARTY)
    president, _p = serve(committee, "校长", "college_principal", "校长")
    vice, vice_post = serve(committee, "副校长", "college_deputy", "副校长")
    vice_post.supervised_units.add(tree.a)
    head_a, _p = serve(tree.a, "院长", "middle_principal", "甲院长")
    deputy_a, _p = serve(tree.a, "副院长", "middle_deputy", "甲副院长")
    head_b, _p = serve(tree.b, "院长", "middle_principal", "乙院长")
    deputy_b, _p = serve(tree.b, "副院长", "middle_deputy", "乙副院长")
    return SimpleNamespace(**locals())


def talk(talker, talkee, *, on=EARLY, acting_user=None, **fields):
    row = CareTalk(talker=talker, talkee=talkee, talked_on=on, kind=fields.pop("kind", "regular"), **fields)
    return care_talk_save(talk=row, acting_user=acting_user or system_actor())


def names(rows):
    return {(row.senior.name, row.junior.name) for row in rows}


class TestCoverage:
    def test_a_small_tree_with_a_missing_pair(self, users, org):
        for senior, junior in [
            (org.secretary, org.president),
            (org.vice, org.secretary),  # either may lead the talk
            (org.president, org.vice),
            (org.vice, org.head_a),
            (org.head_a, org.deputy_a),
            (org.head_b, org.deputy_b),
        ]:
            talk(senior, junior)
        talk(org.head_b, org.deputy_b, on=datetime.date(YEAR - 1, 12, 30))  # last year's does not count
        CareTalk.objects.filter(talker=org.head_b, talked_on__year=YEAR).delete()
        coverage = talk_coverage(user=users.hr, year=YEAR, on=TODAY)
        assert coverage.owed == 6 and coverage.talked == 5
        assert names(coverage.gaps) == {("乙院长", "乙副院长")}
        kinds = {(row.pair.kind, row.senior.name, row.junior.name) for row in coverage.rows}
        assert kinds == {
            ("secretary_member", "书记", "校长"),
            ("secretary_member", "书记", "副校长"),
            ("member_member", "校长", "副校长"),
            ("member_head", "副校长", "甲院长"),
            ("head_deputy", "甲院长", "甲副院长"),
            ("head_deputy", "乙院长", "乙副院长"),
        }

    def test_posts_are_read_as_held_at_the_years_end(self, users, org, tree):
        # A deputy appointed after the year: owed nothing that year.
        serve(tree.a, "副院长（教学）", "middle_deputy", "新副院长", since=datetime.date(YEAR - 1, 6, 1))
        last_year = talk_coverage(user=users.hr, year=YEAR - 2, on=TODAY)
        assert "新副院长" not in {row.junior.name for row in last_year.rows}
        assert "新副院长" in {
            row.junior.name for row in talk_coverage(user=users.hr, year=YEAR, on=TODAY).rows
        }

    def test_a_clerk_sees_the_pairs_of_their_unit_only(self, users, org):
        coverage = talk_coverage(user=users.clerk, year=YEAR, on=TODAY)
        assert names(coverage.rows) == {("副校长", "甲院长"), ("甲院长", "甲副院长")}

    def test_the_api_lists_the_pairs_and_their_state(self, api, users, org):
        talk(org.head_a, org.deputy_a, on=datetime.date(YEAR, 1, 5))
        body = api(users.hr).get("/api/v1/care-talks/coverage/", {"year": YEAR}).json()
        assert (body["year"], body["owed"], body["talked"]) == (YEAR, 6, 1)
        [done] = [p for p in body["pairs"] if p["talked"]]
        assert (done["senior_name"], done["junior_name"], done["last_talked_on"]) == (
            "甲院长",
            "甲副院长",
            f"{YEAR}-01-05",
        )

    @pytest.mark.parametrize("year", ["", "abc", "1e999", "1800", str(YEAR + 1)])
    def test_a_bad_year_is_a_400(self, api, users, year):
        answer = api(users.hr).get("/api/v1/care-talks/coverage/", {"year": year} if year else {})
        assert answer.status_code == 400 and "code" in answer.json()

    def test_a_fixed_number_of_queries(self, api, users, org, tree, django_assert_max_num_queries):
        for n in range(5):
            unit = OrgUnitFactory(code=f"C{n}", name=f"学院{n}", kind=OrgUnitKind.COLLEGE, parent=tree.root)
            head, _p = serve(unit, "院长", "middle_principal", f"院长{n}")
            deputy, _p = serve(unit, "副院长", "middle_deputy", f"副院长{n}")
            talk(head, deputy)
        client = api(users.hr)
        with django_assert_max_num_queries(12):
            body = client.get("/api/v1/care-talks/coverage/", {"year": YEAR}).json()
        assert body["owed"] == 11 and body["talked"] == 5

    def test_the_leader_panel_counts_per_unit(self, users, org, tree):
        talk(org.head_a, org.deputy_a)
        rows = {
            row.unit.name: (row.owed, row.talked, row.gaps)
            for row in leader_panel(user=users.leader, year=YEAR, on=TODAY)
        }
        assert (
            rows[tree.a.name] == (2, 1, 1)
            and rows[tree.b.name] == (1, 0, 1)
            and rows["学校党委"] == (3, 0, 3)
        )

    def test_the_monthly_reminder_tells_the_committees_office_once(self, users, hr, org):
        first = talk_coverage_reminders(on=TODAY, acting_user=system_actor())
        assert first == {"reminded": 1, "gaps": 6}  # HR at the root; HR of unit A or B holds no committee
        assert Notification.objects.get(kind="care_talk_coverage").user == users.hr
        assert talk_coverage_reminders(on=TODAY, acting_user=system_actor())["reminded"] == 0


class TestTalks:
    URL = "/api/v1/care-talks/"

    def test_a_clerk_cannot_read_the_talk_notes_of_another_unit(self, api, users, org):
        own = talk(org.head_a, org.deputy_a, topics="家庭困难", follow_up="工会慰问")
        other = talk(org.head_b, org.deputy_b, topics="身体状况", follow_up="安排体检")
        client = api(users.clerk)
        assert client.get(f"{self.URL}{other.pk}/").status_code == 404
        listed = client.get(self.URL).json()["results"]
        assert [row["id"] for row in listed] == [own.pk]
        assert listed[0]["topics"] == "家庭困难" and listed[0]["notes_hidden"] is False
        assert "身体状况" not in client.get(self.URL).content.decode()
        assert client.patch(f"{self.URL}{other.pk}/", {"topics": "x"}, format="json").status_code == 404

    def test_discipline_staff_see_the_talk_but_not_its_notes(self, api, users, org, client):
        row = talk(org.head_a, org.deputy_a, topics="家庭困难", follow_up="工会慰问")
        body = api(users.discipline).get(f"{self.URL}{row.pk}/").json()
        assert (body["topics"], body["follow_up"], body["notes_hidden"]) == ("", "", True)
        assert body["talkee_name"] == "甲副院长"
        client.force_login(users.discipline)
        page = client.get(reverse("appraisal:care-talk-list")).content.decode()
        assert "甲副院长" in page and "家庭困难" not in page

    def test_a_clerk_records_a_talk_in_their_unit_not_in_another(self, api, users, org):
        client = api(users.clerk)
        body = {"talker": org.head_a.pk, "talkee": org.deputy_a.pk, "talked_on": str(EARLY), "kind": "care"}
        assert client.post(self.URL, body, format="json").status_code == 201
        body |= {"talker": org.head_b.pk, "talkee": org.deputy_b.pk}
        assert client.post(self.URL, body, format="json").status_code == 400

    def test_bad_input(self, api, users, org):
        client = api(users.hr)
        body = {"talker": org.head_a.pk, "talkee": org.head_a.pk, "talked_on": str(EARLY), "kind": "regular"}
        assert client.post(self.URL, body, format="json").json()["code"] == "same_person"
        ahead = str(TODAY + datetime.timedelta(days=1))
        assert (
            client.post(
                self.URL, body | {"talkee": org.deputy_a.pk, "talked_on": ahead}, format="json"
            ).json()["code"]
            == "date_ahead"
        )
        assert (
            client.post(
                self.URL, body | {"talkee": org.deputy_a.pk, "kind": "gossip"}, format="json"
            ).status_code
            == 400
        )
        assert client.get(self.URL, {"year": "x"}).status_code == 400

    def test_the_list_has_a_constant_query_count(self, api, users, org, django_assert_max_num_queries):
        for _n in range(6):
            talk(org.head_a, org.deputy_a)
        client = api(users.hr)
        with django_assert_max_num_queries(8):
            assert len(client.get(self.URL).json()["results"]) == 6


class TestVisits:
    URL = "/api/v1/visits/"

    def test_recorded_listed_and_scoped(self, api, users, hr, org):
        client = api(users.hr)
        body = {
            "cadre": org.deputy_a.pk,
            "occasion": "illness",
            "visited_on": str(EARLY),
            "visited_by": "书记、工会主席",
            "given": "慰问金",
        }
        assert client.post(self.URL, body, format="json").status_code == 201
        assert api(hr.b).get(self.URL).json()["results"] == []
        assert api(hr.b).post(self.URL, body, format="json").status_code == 400
        assert client.post(self.URL, body | {"occasion": "party"}, format="json").status_code == 400
        ahead = str(TODAY + datetime.timedelta(days=1))
        assert (
            client.post(self.URL, body | {"visited_on": ahead}, format="json").json()["code"] == "date_ahead"
        )

    def test_the_list_has_a_constant_query_count(self, api, users, org, django_assert_max_num_queries):
        for cadre in (org.deputy_a, org.deputy_b, org.head_a, org.head_b):
            visit_save(
                visit=Visit(cadre=cadre, occasion="festival", visited_on=EARLY, visited_by="党委"),
                acting_user=users.hr,
            )
        client = api(users.hr)
        with django_assert_max_num_queries(8):
            assert len(client.get(self.URL).json()["results"]) == 4


class TestHealthChecks:
    def test_arranging_the_check_makes_the_list_at_commit(
        self, users, org, django_capture_on_commit_callbacks, settings
    ):
        settings.CELERY_TASK_ALWAYS_EAGER = True
        with django_capture_on_commit_callbacks(execute=True):
            check_round = health_check_round_arrange(
                check_round=HealthCheckRound(year=YEAR, arranged_on=TODAY), acting_user=users.hr
            )
        assert HealthCheck.objects.filter(round=check_round).count() == 7
        assert health_check_list_make(check_round=check_round, acting_user=system_actor()) == 0  # idempotent

    def test_the_job_adds_those_serving_since(self, users, org, tree):
        check_round = health_check_round_arrange(
            check_round=HealthCheckRound(year=YEAR, arranged_on=TODAY), acting_user=users.hr
        )
        assert health_check_lists_task()["added"] == 7
        CadreFactory(unit=tree.b, name="新人")
        assert health_check_lists_task() == {"added": 1}
        assert check_round.checks.count() == 8

    def test_a_later_year_and_a_second_round_are_refused(self, users):
        with pytest.raises(ValidationError):
            health_check_round_arrange(
                check_round=HealthCheckRound(year=YEAR + 1, arranged_on=TODAY), acting_user=users.hr
            )
        health_check_round_arrange(
            check_round=HealthCheckRound(year=YEAR, arranged_on=TODAY), acting_user=users.hr
        )
        with pytest.raises(ValidationError):
            health_check_round_arrange(
                check_round=HealthCheckRound(year=YEAR, arranged_on=TODAY), acting_user=users.hr
            )

    def test_marking_done_and_not_done(self, api, users, hr, org):
        check_round = health_check_round_arrange(
            check_round=HealthCheckRound(year=YEAR, arranged_on=TODAY), acting_user=users.hr
        )
        health_check_list_make(check_round=check_round, acting_user=system_actor())
        check = HealthCheck.objects.get(cadre=org.deputy_a)
        client = api(users.hr)
        url = f"/api/v1/health-checks/{check.pk}/"
        assert client.patch(url, {"done_on": str(EARLY)}, format="json").json()["done"] is True
        assert client.get("/api/v1/health-checks/", {"year": YEAR, "done": "true"}).json()["count"] == 1
        assert client.patch(url, {"done_on": None}, format="json").json()["done"] is False
        answer = client.patch(url, {"done_on": f"{YEAR - 1}-12-01"}, format="json")
        assert answer.status_code == 400 and answer.json()["code"] == "other_year"
        assert api(hr.b).patch(url, {"done_on": str(EARLY)}, format="json").status_code == 404
        assert api(users.clerk).patch(url, {"done_on": str(EARLY)}, format="json").status_code == 403
        assert api(users.clerk).get("/api/v1/health-checks/").json()["count"] == 2  # unit A's two
        with pytest.raises(ValidationError):
            health_check_mark(check=check, done_on=TODAY + datetime.timedelta(days=1), acting_user=users.hr)

    def test_the_api_arranges_and_lists_without_medical_fields(self, api, users, org):
        client = api(users.hr)
        answer = client.post(
            "/api/v1/health-check-rounds/", {"year": YEAR, "arranged_on": str(TODAY)}, format="json"
        )
        assert answer.status_code == 201
        assert (
            client.post(
                "/api/v1/health-check-rounds/", {"year": YEAR, "arranged_on": str(TODAY)}, format="json"
            ).status_code
            == 400
        )
        health_check_list_make(check_round=HealthCheckRound.objects.get(), acting_user=system_actor())
        row = client.get("/api/v1/health-checks/").json()["results"][0]
        assert set(row) == {"id", "year", "cadre", "cadre_name", "unit_name", "done", "done_on"}


class TestPages:
    @pytest.mark.parametrize(
        "name",
        [
            "commendation-list",
            "commendation-create",
            "consequence-list",
            "care-talk-list",
            "care-talk-create",
            "care-talk-coverage",
            "leader-panel",
            "visit-list",
            "visit-create",
            "health-check-list",
            "health-check-arrange",
        ],
    )
    def test_hr_opens_every_page(self, client, users, org, name):
        client.force_login(users.hr)
        assert client.get(reverse(f"appraisal:{name}"), {"year": "nonsense"}).status_code == 200

    def test_the_coverage_page_highlights_the_gaps(self, client, users, org):
        talk(org.head_a, org.deputy_a)
        client.force_login(users.leader)
        page = client.get(reverse("appraisal:care-talk-coverage"), {"year": YEAR}).content.decode()
        assert page.count('class="table-warning gap"') == 5

    def test_a_clerk_may_not_open_the_commendations_or_record_one(self, client, users):
        client.force_login(users.clerk)
        assert client.get(reverse("appraisal:commendation-list")).status_code == 403
        assert client.get(reverse("appraisal:visit-create")).status_code == 403

    def test_hr_records_a_talk_through_the_page(self, client, users, org):
        client.force_login(users.hr)
        data = {
            "talker": org.head_a.pk,
            "talkee": org.deputy_a.pk,
            "talked_on": str(EARLY),
            "kind": "regular",
            "topics": "工作",
        }
        assert client.post(reverse("appraisal:care-talk-create"), data).status_code == 302
        assert CareTalk.objects.get().topics == "工作"
