"""Who looked at oversight records (core.readlog): a sanction viewed through the API or on the
cadre record's sanctions card, a complaint opened on its page or through the API, one row each."""

import pytest

from core.models import ReadChannel, ReadKind, ReadLog
from tests.factories import CadreFactory
from tests.oversight.factories import SanctionFactory, complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a, name="向英")


def rows(**match) -> list[ReadLog]:
    return list(ReadLog.objects.filter(**match))


def test_the_sanctions_api_logs_a_list_page_and_a_record(api, users, tree, cadre):
    first = SanctionFactory(cadre=cadre)
    SanctionFactory(cadre=CadreFactory(unit=tree.b))
    client = api(users.discipline)
    assert client.get("/api/v1/sanctions/").status_code == 200
    [listed] = rows(kind=ReadKind.SANCTION, channel=ReadChannel.API)
    assert (listed.user, listed.count, listed.object_id) == (users.discipline, 2, None)
    assert client.get(f"/api/v1/sanctions/{first.pk}/").status_code == 200
    [one] = rows(kind=ReadKind.SANCTION, object_id=first.pk)
    assert one.channel == ReadChannel.API and one.count == 1


def test_an_empty_list_and_a_refused_role_log_nothing(api, users):
    assert api(users.discipline).get("/api/v1/sanctions/").status_code == 200
    assert api(users.clerk).get("/api/v1/sanctions/").status_code == 403
    assert not ReadLog.objects.exists()


def test_the_record_page_logs_the_sanctions_card_it_shows(client, users, cadre):
    sanction = SanctionFactory(cadre=cadre)
    client.force_login(users.discipline)
    assert client.get(f"/cadres/{cadre.pk}/").status_code == 200
    [row] = rows(kind=ReadKind.SANCTION)
    assert (row.user, row.channel, row.object_id) == (users.discipline, ReadChannel.PAGE, sanction.pk)
    client.force_login(users.leader)  # leaders do not see sanctions: no card, no row
    client.get(f"/cadres/{cadre.pk}/")
    assert not rows(kind=ReadKind.SANCTION, user=users.leader)


def test_a_complaint_opened_on_its_page_and_through_the_api(client, api, users, tree):
    made = complaint(unit=tree.a)
    client.force_login(users.discipline)
    assert client.get(f"/oversight/complaints/{made.pk}/").status_code == 200
    [page] = rows(kind=ReadKind.COMPLAINT, channel=ReadChannel.PAGE)
    assert (page.user, page.object_id) == (users.discipline, made.pk)
    assert api(users.discipline).get(f"/api/v1/complaints/{made.pk}/").status_code == 200
    [answer] = rows(kind=ReadKind.COMPLAINT, channel=ReadChannel.API)
    assert answer.object_id == made.pk
    client.get("/oversight/complaints/")  # the queue lists complaints; opening one is the read
    assert ReadLog.objects.filter(kind=ReadKind.COMPLAINT).count() == 2
