"""HR staff run a selection from start to end through the pages."""

import datetime

from cadres.models import Appointment, ReserveCadre, SelectionProcess
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import clear_computed_checks

D = datetime.date
# Every must is computed from its records (oversight): clear_computed_checks.
CHECKS: list[str] = []


def post_step(client, process, step, data, status=302):
    body = {f"{step}-{key}": value for key, value in data.items()}
    response = client.post(f"/selections/{process.pk}/{step}/", body)
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def test_a_selection_from_start_to_end(client, users, tree):
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    zhang = CadreFactory(unit=tree.a, name="张伟")
    AppointmentFactory(cadre=zhang, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2020, 1, 1))
    junior = CadreFactory(unit=tree.a, name="王新", birth_date=D(1992, 1, 1), work_start_date=D(2024, 7, 1))
    client.force_login(users.hr)

    response = client.post(
        "/selections/new/", {"post": post.pk, "analysis": "院长空缺", "method": "内部选拔"}
    )
    process = SelectionProcess.objects.get()
    assert response["Location"] == f"/selections/{process.pk}/"
    post_step(
        client,
        process,
        "recommendation",
        {
            "kind": "meeting",
            "participants": 50,
            "cadre_0": zhang.pk,
            "count_0": 41,
            "cadre_1": junior.pk,
            "count_1": 3,
            "date": "2025-09-01",
        },
    )

    refused = post_step(client, process, "candidates", {"cadre": junior.pk, "date": "2025-09-02"}, status=400)
    html = refused.content.decode()
    assert "工作年限" in html and "不足 5 年" in html  # the reason, in Chinese, beside the form

    post_step(client, process, "candidates", {"cadre": zhang.pk, "date": "2025-09-02"})
    for check in CHECKS:
        body = {"cadre": zhang.pk, "check": check, "result": "clear", "date": "2025-09-03"}
        post_step(client, process, "checks", body)
    clear_computed_checks(process.pk, zhang, on="2025-09-03")
    post_step(
        client,
        process,
        "decision",
        {"members_total": 9, "members_present": 8, "decision_date": "2025-09-20", f"votes_{zhang.pk}": 7},
    )
    post_step(client, process, "notice", {"start_date": "2025-09-29"})
    process.refresh_from_db()
    assert process.notice_end == D(2025, 10, 11)
    post_step(
        client,
        process,
        "appoint",
        {"cadre": zhang.pk, "document_no": "示范院党〔2025〕9号", "start_date": "2025-10-13"},
    )
    process.refresh_from_db()
    assert process.state == "appointed"
    assert Appointment.objects.get(post=post).cadre == zhang

    page = client.get(f"/selections/{process.pk}/").content.decode()
    assert "张伟" in page and "示范院党〔2025〕9号" in page
    record = client.get(f"/selections/{process.pk}/print/").content.decode()
    # every step is in the process record (the computed musts are the records', not steps)
    assert record.count("<tr>") >= 7


def test_leaders_read_clerks_cannot_open(client, users, tree):
    client.force_login(users.clerk)
    assert client.get("/selections/").status_code == 403
    client.force_login(users.leader)
    assert client.get("/selections/").status_code == 200
    assert client.get("/selections/new/").status_code == 403


def test_due_page_lists_retirements_in_scope(client, users, tree):
    today = datetime.date.today()
    born = today.replace(day=1) - datetime.timedelta(days=60 * 365)
    CadreFactory(unit=tree.a, name="将退休", birth_date=born)
    CadreFactory(unit=tree.b, name="外单位将退休", birth_date=born)
    client.force_login(users.clerk)  # scoped to unit A
    html = client.get("/due/?days=3650&kind=retirement").content.decode()
    assert "将退休" in html and "外单位将退休" not in html
    client.force_login(users.hr)
    assert "外单位将退休" in client.get("/due/?days=3650&kind=retirement").content.decode()
    client.force_login(users.nobody)
    assert client.get("/due/").status_code == 403


def test_reserve_pool_and_eligibility_page(client, users, tree):
    cadre = CadreFactory(unit=tree.a, name="后备甲")
    PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    client.force_login(users.hr)
    response = client.post(
        "/reserves/",
        {
            "cadre": cadre.pk,
            "target_level": level("middle_principal").pk,
            "nomination_date": "2025-06-01",
            "development_plan": "挂职锻炼一年",
        },
    )
    assert response.status_code == 302
    reserve = ReserveCadre.objects.get()
    html = client.get(f"/reserves/{reserve.pk}/").content.decode()
    assert "院长" in html
    assert "任正职前的副职任职年限" in html  # never a deputy: the reason is shown


def test_selection_page_queries_do_not_grow_with_objections(
    client, users, tree, django_assert_max_num_queries
):
    from cadres.models import Objection, SelectionCandidate

    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    process = SelectionProcess.objects.create(
        post=post, state="notice", notice_start=D(2025, 9, 29), notice_end=D(2025, 10, 11)
    )
    for i in range(8):
        cadre = CadreFactory(unit=tree.a, name=f"候选{i}")
        SelectionCandidate.objects.create(process=process, cadre=cadre, approved=True)
        Objection.objects.create(process=process, cadre=cadre, content="反映", received_date=D(2025, 10, 1))
    client.force_login(users.hr)
    client.get(f"/selections/{process.pk}/")  # warm the session and permission caches
    # 20 for the page, then the computed checks, each a fixed number of queries for all candidates:
    # the integrity opinions (1), the complaints (1), the file reviews (2: the figures, the reviews),
    # the personal matters (4 at most: the reports, their checks and findings, the papers overdue).
    with django_assert_max_num_queries(28):
        assert client.get(f"/selections/{process.pk}/").status_code == 200
