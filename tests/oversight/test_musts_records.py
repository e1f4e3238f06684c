"""The records behind the musts: the random draw (reproducible from its seed, covering the share),
papers in custody and trips, the registration an appointment makes, and the daily job."""

import datetime

import pytest
from django.utils import timezone

from core.actors import system_actor
from core.errors import RuleViolation
from core.models import Notification
from oversight.models import ExitRegistration, MattersCheck, MustsSettings, RandomDraw, TravelDocument
from oversight.rules.musts import draw_sample, draw_size, file_review_counts, next_stage
from oversight.services.musts_reminders import musts_reminders
from oversight.services.personal_matters import random_draw, report_record
from oversight.services.travel import document_lend, document_return, document_save, trip_decide, trip_request
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level

D = datetime.date


def code_of(error: RuleViolation) -> str:
    return next(e.code for errors in error.error_dict.values() for e in errors)


def today():
    return timezone.localdate()


# ---- rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "share", "size"),
    [(0, 10, 0), (1, 10, 1), (10, 10, 1), (11, 10, 2), (100, 10, 10), (5, 100, 5)],
)
def test_the_draw_covers_the_share_rounded_up(population, share, size):
    assert draw_size(population=population, share_percent=share) == size


def test_the_same_seed_draws_the_same_reports_whatever_their_order():
    ids = list(range(1, 171))
    first = draw_sample(population=ids, share_percent=10, seed="2026-抽查")
    assert first == draw_sample(population=list(reversed(ids)), share_percent=10, seed="2026-抽查")
    assert len(first) == 17 and set(first) <= set(ids)
    assert first != draw_sample(population=ids, share_percent=10, seed="another")


def test_a_file_review_counts_for_its_selection_or_within_the_months():
    on = D(2026, 6, 30)
    assert file_review_counts(
        review_selection_id=1, reviewed_on=D(2020, 1, 1), selection_id=1, on=on, months=0
    )
    assert not file_review_counts(review_selection_id=2, reviewed_on=on, selection_id=1, on=on, months=0)
    assert file_review_counts(
        review_selection_id=2, reviewed_on=D(2025, 12, 30), selection_id=1, on=on, months=6
    )
    assert not file_review_counts(
        review_selection_id=2, reviewed_on=D(2025, 12, 29), selection_id=1, on=on, months=6
    )


def test_the_chain_is_taken_in_order():
    chain = ["unit_head", "leader", "org_first", "org_final"]
    assert next_stage(chain=chain, decided=[]) == "unit_head"
    assert next_stage(chain=chain, decided=["unit_head", "leader"]) == "org_first"
    assert next_stage(chain=chain, decided=chain) is None


# ---- the random draw -------------------------------------------------------------------------


def test_a_draw_is_recorded_with_its_seed_and_repeats(users, tree):
    year = today().year
    for n in range(25):
        cadre = CadreFactory(unit=tree.a if n % 2 else tree.b, name=f"干部{n}")
        report_record(cadre=cadre, year=year, received_on=today(), acting_user=system_actor())
    draw = random_draw(year=year, seed="seed-1", acting_user=users.hr)
    assert (draw.share_percent, draw.population, len(draw.drawn_ids)) == (10, 25, 3)
    assert (
        sorted(MattersCheck.objects.filter(draw=draw).values_list("report_id", flat=True)) == draw.drawn_ids
    )
    assert (
        draw_sample(population=draw.population_ids, share_percent=draw.share_percent, seed=draw.seed)
        == draw.drawn_ids
    )
    again = random_draw(year=year, seed="seed-1", acting_user=users.hr)
    assert again.drawn_ids == draw.drawn_ids
    MustsSettings.objects.create(random_share_percent=20)
    assert len(random_draw(year=year, seed="seed-1", acting_user=users.hr).drawn_ids) == 5
    fresh = random_draw(year=year, acting_user=users.hr)
    assert fresh.seed and RandomDraw.objects.count() == 4


def test_the_draw_api_is_for_supervision_staff(api, users, tree):
    report_record(
        cadre=CadreFactory(unit=tree.a), year=2026, received_on=D(2026, 1, 10), acting_user=system_actor()
    )
    url = "/api/v1/personal-matters-reports/draw/"
    assert api(users.clerk).post(url, {"year": 2026}, format="json").status_code == 403
    answer = api(users.hr).post(url, {"year": 2026, "seed": "x"}, format="json")
    assert answer.status_code == 201 and answer.json()["seed"] == "x" and len(answer.json()["drawn_ids"]) == 1
    assert api(users.hr).post(url, {"year": 2001}, format="json").json()["code"] == "no_reports"


# ---- passports, registrations and trips --------------------------------------------------------


def test_an_appointment_making_a_cadre_middle_level_registers_him_with_a_deadline(tree):
    cadre = CadreFactory(unit=tree.a)
    AppointmentFactory(
        cadre=cadre, post=PostFactory(unit=tree.a, level=level("section")), start_date=D(2019, 1, 1)
    )
    assert not ExitRegistration.objects.filter(cadre=cadre).exists()  # 科级: not restricted
    deputy = PostFactory(unit=tree.a, level=level("middle_deputy"))
    appointment = AppointmentFactory(
        cadre=cadre, post=deputy, start_date=D(2024, 3, 1), close_previous_primary=True
    )
    registration = ExitRegistration.objects.get(cadre=cadre)
    assert registration.appointment == appointment and registration.papers_due == D(2024, 3, 31)
    principal = PostFactory(unit=tree.a, level=level("middle_principal"))
    AppointmentFactory(cadre=cadre, post=principal, start_date=D(2025, 3, 1), close_previous_primary=True)
    assert ExitRegistration.objects.filter(cadre=cadre).count() == 1  # already middle-level


def test_papers_handed_in_close_the_registration_and_are_lent_for_an_approved_trip(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    AppointmentFactory(
        cadre=cadre, post=PostFactory(unit=tree.a, level=level("middle_deputy")), start_date=D(2024, 3, 1)
    )
    passport = document_save(
        document=TravelDocument(
            cadre=cadre,
            kind="passport",
            number="E12345678",
            issued_on=D(2020, 1, 1),
            expires_on=D(2030, 1, 1),
            received_on=D(2024, 3, 10),
            box="A-01",
        ),
        acting_user=users.hr,
    )
    assert ExitRegistration.objects.get(cadre=cadre).papers_handed_in == D(2024, 3, 10)
    trip = trip_request(
        cadre=cadre,
        destination="日本",
        purpose="探亲",
        departs_on=today(),
        returns_on=today() + datetime.timedelta(days=5),
        acting_user=users.hr,
    )
    with pytest.raises(RuleViolation) as early:
        document_lend(document=passport, lent_on=today(), trip=trip, acting_user=users.hr)
    assert code_of(early.value) == "trip_not_approved"
    with pytest.raises(RuleViolation) as order:
        trip_decide(trip=trip, stage="leader", decision="approved", acting_user=users.hr)
    assert code_of(order.value) == "step_out_of_order"
    for stage in trip.chain:
        trip = trip_decide(trip=trip, stage=stage, decision="approved", acting_user=users.hr)
    assert trip.state == "approved"
    loan = document_lend(document=passport, lent_on=today(), trip=trip, acting_user=users.hr)
    assert loan.due_back == trip.returns_on + datetime.timedelta(days=7)
    with pytest.raises(RuleViolation) as twice:
        document_lend(document=passport, lent_on=today(), trip=trip, acting_user=users.hr)
    assert code_of(twice.value) == "already_lent"
    listed = api(users.hr).get("/api/v1/passports/").json()["results"]
    assert listed[0]["lent"] is True
    document_return(loan=loan, returned_on=today(), acting_user=users.hr)
    assert api(users.hr).get("/api/v1/passports/").json()["results"][0]["lent"] is False


def test_a_refusal_ends_the_trip_and_the_chain_follows_the_setting(users, tree):
    MustsSettings.objects.create(trip_chain=["unit_head", "org_final"])
    cadre = CadreFactory(unit=tree.a)
    trip = trip_request(
        cadre=cadre,
        destination="香港",
        purpose="旅游",
        departs_on=today(),
        returns_on=today(),
        acting_user=users.hr,
    )
    assert trip.chain == ["unit_head", "org_final"]
    trip = trip_decide(trip=trip, stage="unit_head", decision="refused", acting_user=users.hr)
    assert trip.state == "refused"
    with pytest.raises(RuleViolation) as done:
        trip_decide(trip=trip, stage="org_final", decision="approved", acting_user=users.hr)
    assert code_of(done.value) == "already_decided"


def test_the_api_lists_the_years_expiring_documents_and_keeps_other_units_out(api, users, tree):
    from core.roles import HR
    from tests.factories import UserFactory

    for n, (unit, expires) in enumerate(
        [(tree.a, D(2027, 5, 1)), (tree.b, D(2027, 8, 1)), (tree.a, D(2030, 1, 1))]
    ):
        document_save(
            document=TravelDocument(
                cadre=CadreFactory(unit=unit),
                kind="passport",
                number=f"E{n}",
                issued_on=D(2017, 1, 1),
                expires_on=expires,
                received_on=D(2024, 1, 1),
            ),
            acting_user=system_actor(),
        )
    rows = api(users.hr).get("/api/v1/passports/expiring/", {"year": 2027}).json()["results"]
    assert [r["number"] for r in rows] == ["E0", "E1"]
    hr_b = UserFactory(username="hr_b", role=HR, scope_unit=tree.b)
    assert [r["number"] for r in api(hr_b).get("/api/v1/passports/").json()["results"]] == ["E1"]
    body = {
        "cadre": CadreFactory(unit=tree.a).pk,
        "kind": "passport",
        "number": "E9",
        "issued_on": "2020-01-01",
        "expires_on": "2030-01-01",
        "received_on": "2024-01-01",
    }
    assert api(hr_b).post("/api/v1/passports/", body, format="json").status_code == 400
    bad = {**body, "expires_on": "2019-01-01"}
    assert api(users.hr).post("/api/v1/passports/", bad, format="json").status_code == 400


def test_the_lists_take_a_constant_number_of_queries(api, users, tree, django_assert_max_num_queries):
    for _ in range(6):
        cadre = CadreFactory(unit=tree.a)
        report_record(cadre=cadre, year=2026, received_on=D(2026, 1, 5), acting_user=system_actor())
        trip_request(
            cadre=cadre,
            destination="日本",
            purpose="探亲",
            departs_on=today(),
            returns_on=today(),
            acting_user=users.hr,
        )
    client = api(users.hr)
    for url in (
        "/api/v1/personal-matters-reports/",
        "/api/v1/trip-requests/",
        "/api/v1/file-reviews/",
        "/api/v1/passports/",
    ):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


# ---- the daily job ---------------------------------------------------------------------------


def test_the_job_reminds_of_overdue_filings_papers_and_expiring_documents_once(users, tree):
    on = D(2027, 2, 15)  # after the 31 January due date
    cadre = CadreFactory(unit=tree.a, name="钱七")
    AppointmentFactory(
        cadre=cadre, post=PostFactory(unit=tree.a, level=level("middle_deputy")), start_date=D(2024, 3, 1)
    )
    document_save(
        document=TravelDocument(
            cadre=cadre,
            kind="hk_macau",
            number="C1",
            issued_on=D(2017, 4, 1),
            expires_on=D(2027, 4, 1),
            received_on=D(2024, 3, 10),
        ),
        acting_user=system_actor(),
    )
    raised = musts_reminders(on=on)
    kinds = set(Notification.objects.filter(user=users.hr).values_list("kind", flat=True))
    assert raised >= 2 and {"matters_filing", "document_expiring"} <= kinds
    assert "钱七" in Notification.objects.get(user=users.hr, kind="matters_filing").message
    assert musts_reminders(on=on) == 0  # idempotent


def test_the_job_reminds_of_papers_due_back_and_file_reviews_about_to_stop_counting(users, tree):
    from oversight.models import FileReview

    on = today()
    cadre = CadreFactory(unit=tree.a, name="孙八", birth_date=D(1975, 1, 1))
    passport = document_save(
        document=TravelDocument(
            cadre=cadre,
            kind="passport",
            number="E77",
            issued_on=D(2020, 1, 1),
            expires_on=D(2035, 1, 1),
            received_on=D(2024, 1, 1),
        ),
        acting_user=system_actor(),
    )
    document_lend(
        document=passport,
        lent_on=on - datetime.timedelta(days=20),
        trip_ends=on - datetime.timedelta(days=10),
        acting_user=users.hr,
    )
    MustsSettings.objects.create(file_review_months=6)
    FileReview.objects.create(cadre=cadre, reviewed_on=on - datetime.timedelta(days=170), reviewer=users.hr)
    FileReview.objects.create(cadre=cadre, reviewed_on=on - datetime.timedelta(days=30), reviewer=users.hr)
    musts_reminders(on=on)
    kinds = list(Notification.objects.filter(user=users.hr).values_list("kind", flat=True))
    assert kinds.count("papers_due_back") == 1 and kinds.count("file_review_expiring") == 1
    assert not Notification.objects.filter(user=users.clerk).exists()  # HR (supervision staff) only


def test_the_pages_answer_and_a_clerk_sees_status_only(client, users, tree):
    cadre = CadreFactory(unit=tree.a, name="周九")
    report = report_record(cadre=cadre, year=today().year, received_on=today(), acting_user=system_actor())
    client.force_login(users.hr)
    for url in (
        "/oversight/file-reviews/",
        "/oversight/personal-matters/",
        "/oversight/travel-papers/?year=2030",
        "/oversight/trips/",
        "/oversight/personal-matters/status/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(users.clerk)
    page = client.get("/oversight/personal-matters/status/").content.decode()
    assert "周九" in page and f"/oversight/personal-matters/{report.pk}/" not in page
    for url in ("/oversight/personal-matters/", "/oversight/file-reviews/", "/oversight/travel-papers/"):
        assert client.get(url).status_code == 403, url
