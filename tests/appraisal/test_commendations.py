"""Commendations (表彰): the rules of the record, the API and its scope, and 奖惩情况 on the
record page, in the .lrmx file and on the printed 任免审批表."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appraisal.models import Commendation
from appraisal.services.commendations import commendation_save
from cadres.exchange.lrmx.apply import apply_record
from cadres.exchange.lrmx.mapping import record_from_cadre
from core.visibility import visible_facts
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 9, 10)


def commend(*, acting_user, **fields):
    values = {
        "scope": "individual",
        "title": "优秀共产党员",
        "category": "party_building",
        "kind": "honour",
        "level": "college",
        "timing": "regular",
        "awarded_on": DAY,
        "issuing_body": "中共示范职业技术学院委员会",
        "document_no": "示范院党〔2024〕12号",
    } | fields
    return commendation_save(commendation=Commendation(**values), acting_user=acting_user)


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a, name="李明", rewards_punishments="2019年受到警告处分")


class TestRules:
    def test_an_individual_one_takes_the_cadres_unit(self, users, tree, cadre):
        row = commend(cadre=cadre, unit=tree.b, acting_user=users.hr)
        assert row.unit == tree.a

    def test_a_collective_one_names_no_cadre_and_needs_its_unit(self, users, tree, cadre):
        assert commend(scope="collective", unit=tree.b, acting_user=users.hr).cadre is None
        with pytest.raises(ValidationError) as refused:
            commend(scope="collective", cadre=cadre, unit=tree.a, acting_user=users.hr)
        assert refused.value.error_dict["cadre"][0].code == "cadre_scope_mismatch"
        with pytest.raises(ValidationError) as refused:
            commend(scope="collective", acting_user=users.hr)
        assert refused.value.error_dict["unit"][0].code == "unit_required"

    def test_an_individual_one_needs_its_cadre_and_a_past_date(self, users, tree, cadre):
        with pytest.raises(ValidationError) as refused:
            commend(unit=tree.a, acting_user=users.hr)
        assert refused.value.error_dict["cadre"][0].code == "cadre_required"
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError) as refused:
            commend(cadre=cadre, awarded_on=tomorrow, acting_user=users.hr)
        assert refused.value.error_dict["awarded_on"][0].code == "date_ahead"

    def test_hr_of_another_unit_cannot_commend(self, hr, cadre):
        with pytest.raises(ValidationError):
            commend(cadre=cadre, acting_user=hr.b)


class TestRewardsOnTheRecord:
    LINE = "2024.09 获中共示范职业技术学院委员会“优秀共产党员”（示范院党〔2024〕12号）"

    def test_the_lrmx_record_lists_commendations_before_what_hr_typed(self, users, cadre):
        commend(cadre=cadre, acting_user=users.hr)
        commend(
            cadre=cadre,
            title="抗疫先进个人",
            timing="timely",
            document_no="",
            awarded_on=datetime.date(2022, 3, 1),
            acting_user=users.hr,
        )
        record = record_from_cadre(cadre=cadre, on=timezone.localdate())
        assert record.rewards_punishments.splitlines() == [
            "2022.03 获中共示范职业技术学院委员会“抗疫先进个人”（及时奖励）",
            self.LINE,
            "2019年受到警告处分",
        ]

    def test_a_reader_who_may_not_see_sanctions_still_sees_the_commendations(self, users, cadre):
        commend(cadre=cadre, acting_user=users.hr)
        record = record_from_cadre(cadre=cadre, on=timezone.localdate(), facts=visible_facts(users.leader))
        assert record.rewards_punishments == self.LINE

    def test_a_collective_commendation_is_not_on_a_cadres_record(self, users, tree, cadre):
        commend(scope="collective", unit=tree.a, acting_user=users.hr)
        assert (
            record_from_cadre(cadre=cadre, on=timezone.localdate()).rewards_punishments
            == "2019年受到警告处分"
        )

    def test_reading_the_exported_text_back_changes_nothing(self, users, cadre):
        commend(cadre=cadre, acting_user=users.hr)
        record = record_from_cadre(cadre=cadre, on=timezone.localdate())
        applied = apply_record(cadre=cadre, record=record)
        assert "rewards_punishments" not in [change.field for change in applied.changes]

    def test_the_record_page_and_the_printed_form_show_them(self, client, users, cadre):
        commend(cadre=cadre, acting_user=users.hr)
        client.force_login(users.leader)  # may not see sanctions: the typed text stays hidden
        page = client.get(reverse("cadres:cadre-detail", args=[cadre.pk])).content.decode()
        assert "“优秀共产党员”" in page and "警告处分" not in page
        client.force_login(users.hr)
        printed = client.get(reverse("cadres:appointment-form", args=[cadre.pk])).content.decode()
        assert "“优秀共产党员”" in printed and "警告处分" in printed


class TestApi:
    URL = "/api/v1/commendations/"

    def body(self, **fields):
        return {
            "scope": "individual",
            "title": "教学名师",
            "category": "teaching",
            "kind": "material",
            "level": "provincial",
            "timing": "regular",
            "awarded_on": "2024-12-01",
            "issuing_body": "省教育厅",
        } | fields

    def test_hr_creates_and_filters(self, api, users, tree, cadre):
        client = api(users.hr)
        answer = client.post(self.URL, self.body(cadre=cadre.pk), format="json")
        assert answer.status_code == 201, answer.json()
        assert answer.json()["unit"] == tree.a.pk and answer.json()["cadre_name"] == "李明"
        assert (
            client.post(self.URL, self.body(scope="collective", unit=tree.b.pk), format="json").status_code
            == 201
        )
        assert [r["scope"] for r in client.get(self.URL, {"scope": "collective"}).json()["results"]] == [
            "collective"
        ]
        assert len(client.get(self.URL, {"year": 2024}).json()["results"]) == 2

    def test_bad_input_is_a_400(self, api, users, tree, cadre):
        client = api(users.hr)
        answer = client.post(
            self.URL, self.body(scope="collective", cadre=cadre.pk, unit=tree.a.pk), format="json"
        )
        assert answer.status_code == 400 and answer.json()["code"] == "cadre_scope_mismatch"
        assert (
            client.post(self.URL, self.body(cadre=cadre.pk, category="sports"), format="json").status_code
            == 400
        )
        assert (
            client.post(
                self.URL, self.body(cadre=cadre.pk, awarded_on="0001-01-01"), format="json"
            ).status_code
            == 400
        )
        assert client.post(self.URL, self.body(), format="json").json()["code"] == "cadre_required"

    def test_another_units_records_can_be_neither_read_nor_written(self, api, users, hr, tree, cadre):
        row = commend(cadre=cadre, acting_user=users.hr)
        client = api(hr.b)
        assert client.get(f"{self.URL}{row.pk}/").status_code == 404
        assert client.get(self.URL).json()["results"] == []
        assert client.post(self.URL, self.body(cadre=cadre.pk), format="json").status_code == 400
        assert (
            client.post(self.URL, self.body(scope="collective", unit=tree.a.pk), format="json").status_code
            == 400
        )

    def test_a_leader_reads_but_does_not_write(self, api, users, cadre):
        commend(cadre=cadre, acting_user=users.hr)
        client = api(users.leader)
        assert len(client.get(self.URL).json()["results"]) == 1
        assert client.post(self.URL, self.body(cadre=cadre.pk), format="json").status_code == 403

    def test_the_list_has_a_constant_query_count(self, api, users, tree, django_assert_max_num_queries):
        for n in range(6):
            commend(cadre=CadreFactory(unit=tree.a, name=f"干部{n}"), acting_user=users.hr)
        client = api(users.hr)
        with django_assert_max_num_queries(8):
            assert len(client.get(self.URL).json()["results"]) == 6
