"""The home page shows each role what falls due for it, in its data scope."""

import datetime

from django.utils import timezone

from cadres.models import SelectionProcess
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level


def _probation(unit, name):
    today = timezone.localdate()
    cadre = CadreFactory(unit=unit, name=name)
    post = PostFactory(unit=unit, title="副院长", level=level("middle_deputy"))
    return AppointmentFactory(
        cadre=cadre,
        post=post,
        start_date=today - datetime.timedelta(days=340),
        probation_end=today + datetime.timedelta(days=25),
        probation_result="pending",
    )


def test_hr_sees_due_items_open_selections_and_probations(client, users, tree):
    _probation(tree.a, "试用甲")
    SelectionProcess.objects.create(post=PostFactory(unit=tree.b, title="院长"), created_by=users.hr)
    client.force_login(users.hr)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="home-hr"' in html and 'id="home-clerk"' not in html
    assert "试用甲" in html and "待考核的试用期" in html
    assert "进行中的选拔任用" in html and "机电工程学院院长" in html


def test_clerk_sees_his_units_records_to_complete_only(client, users, tree):
    CadreFactory(unit=tree.a, name="缺籍贯", native_place="")
    CadreFactory(unit=tree.a, name="已完善", native_place="河南郑州", resume="2000.09-- 某校")
    CadreFactory(unit=tree.b, name="外单位缺", native_place="")
    _probation(tree.b, "外单位试用")
    client.force_login(users.clerk)
    html = client.get("/").content.decode()
    assert 'id="home-clerk"' in html and 'id="home-hr"' not in html
    assert "缺籍贯" in html and "已完善" not in html
    assert "外单位缺" not in html and "外单位试用" not in html


def test_leader_sees_the_figures(client, users, staffed):
    client.force_login(users.leader)
    response = client.get("/")
    html = response.content.decode()
    assert 'id="home-leader"' in html and "核定 / 在职 / 空缺" in html
    assert dict(response.context["parts"])["leader"]["summary"]["units"] == 4


def test_discipline_sees_inspections_and_effect_periods(client, users, tree):
    process = SelectionProcess.objects.create(
        post=PostFactory(unit=tree.a, title="书记"), created_by=users.hr, state="inspection"
    )
    client.force_login(users.discipline)
    html = client.get("/").content.decode()
    assert 'id="home-discipline"' in html and "待出具廉政意见" in html
    assert f"/selections/{process.pk}/" in html
    assert "影响期" in html


def test_a_user_without_a_role_is_told_so(client, users):
    client.force_login(users.nobody)
    assert "尚未分配角色" in client.get("/").content.decode()
