"""Reminders worth reading: overdue retirements lead the due list, a first review sums up its
backlog in one digest per kind, later runs remind of what is newly due, and the notification
centre is ordered by due date, filtered by kind and paged."""

import datetime

import pytest
from django.core import mail

from cadres.services.reviews import daily_review
from core.models import Notification
from core.notifications import notify
from tests.core.test_jobs import ON, days, retiring_in, rotation_due_in, term_ending_in

pytestmark = pytest.mark.django_db


def _visible(user):
    return Notification.objects.filter(user=user, digest=None)


class TestRetirementOverdue:
    def test_the_api_says_overdue_and_lists_it_first(self, api, users, tree):
        late = retiring_in(-3000, tree.a)  # ON - 3000 days: past whatever today is
        rotation_due_in(-5000, tree.a)
        rows = api(users.hr).get("/api/v1/due/").json()
        assert (rows[0]["cadre"], rows[0]["kind"], rows[0]["overdue"]) == (late.pk, "retirement", True)
        assert rows[1]["kind"] == "rotation_due" and rows[1]["overdue"] is True

    @pytest.mark.parametrize(("n", "overdue"), [(1, False), (0, False), (-1, True)])
    def test_the_selector_at_the_boundary(self, users, tree, n, overdue):
        from cadres.selectors.due import due_items

        retiring_in(n, tree.a)
        items = due_items(user=users.hr, on=ON, days=0, kinds=["retirement"])
        assert [i.overdue for i in items] == ([overdue] if n <= 0 else [])
        items = due_items(user=users.hr, on=ON, days=1, kinds=["retirement"])
        assert [i.overdue for i in items] == [overdue]

    def test_overdue_retirement_comes_first(self, users, tree):
        from cadres.selectors.due import due_items

        rotation_due_in(-400, tree.a)  # due long before the retirement
        term_ending_in(5, tree.a)
        retiring_in(-1, tree.a)
        retiring_in(10, tree.a)
        items = due_items(user=users.hr, on=ON, days=90)
        assert (items[0].kind, items[0].overdue) == ("retirement", True)
        assert [i.due_date for i in items[1:]] == sorted(i.due_date for i in items[1:])

    def test_the_page_marks_it_overdue_and_lists_it_first(self, client, users, tree):
        retiring_in(-3000, tree.a)  # overdue whatever today is
        rotation_due_in(-5000, tree.a)
        client.force_login(users.hr)
        html = client.get("/due/").content.decode()
        assert "已逾期" in html
        assert html.index("赵敏") < html.index("王强")

    def test_another_units_overdue_retirement_is_not_listed(self, api, users, tree):
        retiring_in(-3000, tree.b)
        mine = retiring_in(-3000, tree.a)
        rows = api(users.clerk).get("/api/v1/due/", {"kind": "retirement"})
        assert rows.status_code == 200
        assert [r["cadre"] for r in rows.json()] == [mine.pk]

    def test_a_reminder_says_it_is_overdue_once(self, tree, hr):
        notify(user=hr.a, kind="retirement", key="seen", message="an earlier reminder", email=False)
        cadre = retiring_in(-1, tree.a)
        daily_review(on=ON)
        daily_review(on=days(1))
        rows = list(_visible(hr.a).filter(kind="retirement").exclude(key="seen"))
        assert len(rows) == 1
        assert rows[0].key == f"retirement:{cadre.pk}:{days(-1)}:overdue"
        assert "仍在职" in rows[0].message


class TestFirstReviewDigest:
    def test_the_backlog_of_a_kind_is_one_digest(self, tree, hr, django_capture_on_commit_callbacks):
        for n in (-900, -500, -30):
            rotation_due_in(n, tree.a)
        rotation_due_in(20, tree.a)  # upcoming: its own reminder
        with django_capture_on_commit_callbacks(execute=True):
            counts = daily_review(on=ON)
        assert counts["rotation_due"] == 4  # one digest and one reminder for each of hr.root, hr.a
        digest, upcoming = _visible(hr.a).filter(kind="rotation_due").order_by("due_date")
        assert digest.message.splitlines()[0] == "3 项轮岗交流已逾期"
        assert len(digest.message.splitlines()) == 4
        assert digest.due_date == days(-900) and digest.items.count() == 3
        assert upcoming.due_date == days(20)
        outbox = [m for m in mail.outbox if m.to == ["hr_a@example.edu.cn"]]
        assert len(outbox) == 1 and "3 项轮岗交流已逾期" in outbox[0].body

    def test_one_overdue_item_is_still_a_digest_on_a_first_review(self, tree, hr):
        rotation_due_in(-1, tree.a)
        daily_review(on=ON)
        (digest,) = _visible(hr.a)
        assert digest.message.startswith("1 项轮岗交流已逾期") and digest.items.count() == 1

    def test_later_runs_remind_of_newly_due_items_only(self, tree, hr):
        rotation_due_in(-900, tree.a)
        daily_review(on=ON)
        rotation_due_in(-5, tree.a)  # newly found overdue: the kind was reviewed before
        counts = daily_review(on=days(1))
        assert counts["rotation_due"] == 2
        rows = list(_visible(hr.a).filter(kind="rotation_due").order_by("due_date"))
        assert len(rows) == 2 and "项轮岗交流已逾期" not in rows[1].message
        assert not Notification.objects.filter(
            user=hr.a, key__startswith="digest:", key__endswith=str(days(1))
        )

    @pytest.mark.parametrize("later", [0, 1])
    def test_running_twice_raises_nothing_more(self, tree, hr, later, django_capture_on_commit_callbacks):
        for n in (-900, -500, 20):
            rotation_due_in(n, tree.a)
        daily_review(on=ON)
        total = Notification.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            counts = daily_review(on=days(later))
        assert sum(counts.values()) == 0
        assert Notification.objects.count() == total
        assert mail.outbox == []

    def test_a_new_hr_user_gets_a_digest_too(self, tree, hr):
        from core.roles import HR
        from tests.factories import UserFactory

        for n in (-900, -500):
            rotation_due_in(n, tree.a)
        daily_review(on=ON)
        newcomer = UserFactory(username="hr_new", role=HR, scope_unit=tree.a)
        daily_review(on=days(1))
        (digest,) = _visible(newcomer)
        assert digest.message.startswith("2 项轮岗交流已逾期")
        assert _visible(hr.a).count() == 1

    def test_each_kind_has_its_own_digest(self, tree, hr):
        rotation_due_in(-900, tree.a)
        retiring_in(-10, tree.a)
        daily_review(on=ON)
        kinds = sorted(_visible(hr.a).values_list("kind", "message"))
        assert [k for k, _m in kinds] == ["retirement", "rotation_due"]
        assert kinds[0][1].startswith("1 名干部已过退休时间仍在职")


class TestCentre:
    @pytest.fixture
    def many(self, users):
        for i in range(7):
            notify(
                user=users.hr,
                kind="rotation_due" if i % 2 else "term_ending",
                key=f"k{i}",
                message=f"消息{i}",
                due_date=datetime.date(2027, 1, 10 - i),
                email=False,
            )
        notify(user=users.hr, kind="term_ending", key="undated", message="无日期", email=False)
        notify(user=users.clerk, kind="rotation_due", key="k0", message="别人的", email=False)

    def test_sorted_by_due_date_undated_last(self, api, users, many):
        body = api(users.hr).get("/api/v1/notifications/").json()
        dates = [r["due_date"] for r in body["results"]]
        assert dates[:-1] == sorted(dates[:-1]) and dates[-1] is None

    def test_filtered_by_kind(self, api, users, many):
        body = api(users.hr).get("/api/v1/notifications/", {"kind": "rotation_due"}).json()
        assert body["count"] == 3 and {r["kind"] for r in body["results"]} == {"rotation_due"}
        assert "别人的" not in [r["message"] for r in body["results"]]

    def test_a_bad_kind_is_400(self, api, users, many):
        response = api(users.hr).get("/api/v1/notifications/", {"kind": "Rotation-Due!"})
        assert response.status_code == 400 and "kind" in response.json()["fields"]

    def test_paged(self, api, users, many):
        first = api(users.hr).get("/api/v1/notifications/", {"page_size": 3}).json()
        third = api(users.hr).get("/api/v1/notifications/", {"page_size": 3, "page": 3}).json()
        assert first["count"] == 8 and len(first["results"]) == 3 and len(third["results"]) == 2
        assert first["results"][0]["due_date"] == "2027-01-04"

    def test_another_users_reminders_are_not_visible(self, api, users, many):
        body = api(users.clerk).get("/api/v1/notifications/").json()
        assert [r["message"] for r in body["results"]] == ["别人的"]

    def test_digest_items_stay_out_of_the_centre_and_the_count(self, api, tree, hr):
        rotation_due_in(-900, tree.a)
        rotation_due_in(-500, tree.a)
        daily_review(on=ON)
        client = api(hr.a)
        assert client.get("/api/v1/notifications/").json()["count"] == 1
        assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}

    def test_the_page_filters_by_kind(self, client, users, many):
        client.force_login(users.hr)
        html = client.get("/notifications/", {"kind": "rotation_due"}).content.decode()
        assert "消息1" in html and "消息0" not in html
        assert 'value="rotation_due" selected' in html
        assert "轮岗到期" in html  # the kind's label from the due kinds
        unfiltered = client.get("/notifications/", {"kind": "nonsense"}).content.decode()
        assert "消息0" in unfiltered and "消息1" in unfiltered
