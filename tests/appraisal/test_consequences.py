"""能上能下 from recorded grades: raised on save, on HR's due list with the grades, closed by HR."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from appraisal.models import Consequence
from appraisal.selectors.consequences import ADJUSTMENT_DUE, COMMENDATION_DUE
from appraisal.services.consequences import consequence_close, consequences_sync
from appraisal.tasks import consequences_task
from cadres.selectors.due import due_items
from core.actors import system_actor
from tests.appraisal.factories import AppraisalResultFactory
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
E, C, B, INC = "excellent", "competent", "basically_competent", "incompetent"


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a, name="李明")


def grades(cadre, **by_year):
    for year, grade in by_year.items():
        AppraisalResultFactory(cadre=cadre, year=int(year[1:]), grade=grade)


def test_saving_an_incompetent_grade_raises_an_adjustment_with_its_grade(cadre):
    grades(cadre, y2024=INC)
    row = Consequence.objects.get(cadre=cadre)
    assert (row.kind, row.year, row.grades, row.is_open) == ("incompetent", 2024, [[2024, INC]], True)
    assert row.raised_on == timezone.localdate()


def test_two_consecutive_basic_years_raise_one_adjustment_and_a_gap_none(tree, cadre):
    grades(cadre, y2023=B, y2024=B)
    other = CadreFactory(unit=tree.a, name="王芳")
    grades(other, y2022=B, y2023=C, y2024=B)
    assert list(Consequence.objects.values_list("cadre", "kind", "year")) == [(cadre.pk, "basic_twice", 2024)]


def test_three_excellent_years_are_flagged_and_shown_on_the_due_list(users, cadre):
    grades(cadre, y2022=E, y2023=E, y2024=E)
    items = due_items(user=users.hr, on=timezone.localdate(), days=30)
    [item] = [i for i in items if i.kind == COMMENDATION_DUE]
    assert item.cadre == cadre and "2022" in item.detail and "2024" in item.detail
    assert not [i for i in items if i.kind == ADJUSTMENT_DUE]


def test_the_due_list_hides_the_items_from_those_who_may_not_see_grades(users, cadre):
    grades(cadre, y2024=INC)
    today = timezone.localdate()
    assert [i.kind for i in due_items(user=users.hr, on=today, days=30)] == [ADJUSTMENT_DUE]
    assert due_items(user=users.clerk, on=today, days=30) == []  # a clerk may not see grades


def test_a_corrected_grade_withdraws_the_open_item_but_not_a_closed_one(users, cadre):
    grades(cadre, y2023=INC, y2024=INC)
    first, _second = Consequence.objects.order_by("year")
    consequence_close(consequence=first, outcome="adjusted", note="调整岗位", acting_user=users.hr)
    cadre.appraisal_results.all().delete()
    counts = consequences_sync(cadre_ids=None, on=timezone.localdate(), acting_user=system_actor())
    assert counts["withdrawn"] == 1
    assert list(Consequence.objects.values_list("year", flat=True)) == [2023]


def test_the_job_is_idempotent(cadre):
    grades(cadre, y2024=INC)
    Consequence.objects.all().delete()
    assert consequences_task()["raised"] == 1
    assert consequences_task() == {"raised": 0, "updated": 0, "withdrawn": 0}


def test_close_refuses_the_wrong_outcome_a_second_close_and_a_future_date(users, cadre):
    grades(cadre, y2024=INC)
    row = Consequence.objects.get()
    with pytest.raises(ValidationError) as refused:
        consequence_close(consequence=row, outcome="commended", note="", acting_user=users.hr)
    assert refused.value.error_dict["outcome"][0].code == "outcome_not_allowed"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        consequence_close(
            consequence=row, outcome="adjusted", note="", closed_on=tomorrow, acting_user=users.hr
        )
    assert refused.value.error_dict["closed_on"][0].code == "date_ahead"
    consequence_close(consequence=row, outcome="talked_to", note="诫勉谈话", acting_user=users.hr)
    with pytest.raises(ValidationError) as refused:
        consequence_close(consequence=row, outcome="adjusted", note="", acting_user=users.hr)
    assert refused.value.error_dict["consequence"][0].code == "already_closed"
    assert not Consequence.objects.get().is_open


def test_hr_of_another_unit_cannot_close(hr, cadre):
    grades(cadre, y2024=INC)
    with pytest.raises(ValidationError):
        consequence_close(
            consequence=Consequence.objects.get(), outcome="adjusted", note="", acting_user=hr.b
        )


class TestApi:
    URL = "/api/v1/appraisal-consequences/"

    def test_hr_lists_and_closes(self, api, users, cadre):
        grades(cadre, y2023=B, y2024=B)
        client = api(users.hr)
        [row] = client.get(self.URL, {"open": "true"}).json()["results"]
        assert row["grades"] == [[2023, B], [2024, B]] and row["kind"] == "basic_twice"
        answer = client.post(
            f"{self.URL}{row['id']}/close/", {"outcome": "adjusted", "note": "免职"}, format="json"
        )
        assert answer.status_code == 200 and answer.json()["outcome"] == "adjusted"
        assert client.get(self.URL, {"open": "true"}).json()["results"] == []

    def test_bad_input_is_a_400_with_a_code(self, api, users, cadre):
        grades(cadre, y2024=E, y2023=E, y2022=E)
        pk = Consequence.objects.get().pk
        client = api(users.hr)
        answer = client.post(f"{self.URL}{pk}/close/", {"outcome": "adjusted"}, format="json")
        assert answer.status_code == 400 and answer.json()["code"] == "outcome_not_allowed"
        answer = client.post(
            f"{self.URL}{pk}/close/", {"outcome": "x", "closed_on": "2026-02-30"}, format="json"
        )
        assert answer.status_code == 400
        assert client.get(self.URL, {"year": "1e999"}).status_code == 400

    def test_other_units_items_are_not_found(self, api, hr, cadre):
        grades(cadre, y2024=INC)
        pk = Consequence.objects.get().pk
        assert api(hr.b).get(f"{self.URL}{pk}/").status_code == 404
        assert (
            api(hr.b).post(f"{self.URL}{pk}/close/", {"outcome": "adjusted"}, format="json").status_code
            == 404
        )
        assert api(hr.a).get(f"{self.URL}{pk}/").status_code == 200

    def test_a_clerk_may_not_read_them(self, api, users, cadre):
        grades(cadre, y2024=INC)
        assert api(users.clerk).get(self.URL).status_code == 403

    def test_the_list_has_a_constant_query_count(self, api, users, tree, django_assert_max_num_queries):
        for n in range(6):
            grades(CadreFactory(unit=tree.a, name=f"干部{n}"), y2024=INC)
        client = api(users.hr)
        with django_assert_max_num_queries(8):
            assert len(client.get(self.URL).json()["results"]) == 6


def test_the_daily_review_reminds_hr_once_of_an_open_item(hr, cadre):
    from cadres.services.reviews import daily_review
    from core.models import Notification

    grades(cadre, y2024=INC)
    counts = daily_review(on=timezone.localdate())
    assert counts[ADJUSTMENT_DUE] == 2  # HR at the root and HR of unit A
    assert not Notification.objects.filter(user=hr.b).exists()
    assert "李明" in Notification.objects.get(user=hr.a).message
    assert daily_review(on=timezone.localdate())[ADJUSTMENT_DUE] == 0
