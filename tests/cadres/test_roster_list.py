"""The HR roster page: sorting, page size, search by ID number, row selection for .lrmx export,
and the htmx fragment's Vary header."""

import datetime
import io
import zipfile

import pytest
from openpyxl import load_workbook

from cadres.models import Cadre
from cadres.selectors.cadres import roster_sort_keys
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "cadre-table"}


def names(response) -> list[str]:
    return [cadre.name for cadre in response.context["page"]]


@pytest.fixture
def three(tree):
    return [
        CadreFactory(unit=tree.a, name="王五", birth_date=D(1980, 1, 1)),
        CadreFactory(unit=tree.a, name="李四", birth_date=D(1970, 1, 1)),
        CadreFactory(unit=tree.a1, name="张三", birth_date=D(1975, 1, 1)),
    ]


def test_the_fragment_and_the_page_vary_on_the_htmx_headers(client, users, three):
    client.force_login(users.hr)
    page = client.get("/cadres/?q=ww")
    fragment = client.get("/cadres/?q=ww", **HTMX)
    assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()
    for response in (page, fragment):
        assert "HX-Request" in response["Vary"] and "HX-Target" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client, users, three):
    client.force_login(users.hr)
    response = client.get("/cadres/?q=ww", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in response.content.decode()


def test_unit_panel_and_notifications_vary_too(client, users, tree):
    client.force_login(users.hr)
    for url in (f"/org/units/{tree.a.pk}/", "/notifications/"):
        assert "HX-Request" in client.get(url, HTTP_HX_REQUEST="true")["Vary"]
        assert "HX-Request" in client.get(url)["Vary"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["李四", "王五", "张三"]),  # unit path, then name
        ("birth_date", ["李四", "张三", "王五"]),
        ("-birth_date", ["王五", "张三", "李四"]),
        ("age", ["王五", "张三", "李四"]),
        ("name", ["李四", "王五", "张三"]),  # by pinyin: li, wang, zhang
        ("-name", ["张三", "王五", "李四"]),
    ],
)
def test_sorting_by_a_column(client, users, three, sort, expected):
    client.force_login(users.hr)
    assert names(client.get("/cadres/", {"sort": sort})) == expected


def test_equal_keys_keep_a_stable_order_across_pages(client, users, tree):
    for name in ("丙", "甲", "乙", "丁", "戊"):
        CadreFactory(unit=tree.a, name=name, birth_date=D(1975, 1, 1))
    client.force_login(users.hr)
    pages = [
        names(client.get("/cadres/", {"sort": "birth_date", "page_size": 2, "page": n})) for n in (1, 2, 3)
    ]
    seen = [name for page in pages for name in page]
    assert sorted(seen) == sorted(["丙", "甲", "乙", "丁", "戊"])  # none twice, none missing
    expected = Cadre.objects.order_by("birth_date", "unit__path", "name", "id").values_list("name", flat=True)
    assert seen == list(expected)


def test_every_sort_key_answers(client, users, three):
    client.force_login(users.hr)
    for key in roster_sort_keys():
        assert client.get("/cadres/", {"sort": key}).status_code == 200


def test_sort_and_page_size_are_kept_by_the_links(client, users, three):
    client.force_login(users.hr)
    html = client.get("/cadres/", {"sort": "-birth_date", "page_size": 1, "q": "", "gender": "male"}).content
    html = html.decode()
    assert "page_size=1" in html and "sort=-birth_date" in html and "page=2" in html
    assert 'hx-push-url="true"' in html
    # the header of the sorted column sorts the other way next
    assert "sort=birth_date" in html
    assert 'aria-sort="descending"' in html
    fragment = client.get("/cadres/", {"sort": "-birth_date"}, **HTMX).content.decode()
    assert 'id="roster-sort" value="-birth_date" hx-swap-oob="true"' in fragment


def test_page_size_pages_the_list(client, users, three):
    client.force_login(users.hr)
    response = client.get("/cadres/", {"page_size": 2, "sort": "birth_date", "page": 2})
    assert names(response) == ["王五"]
    assert response.context["page"].paginator.per_page == 2


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"sort": "password"}, "sort", "未知的排序列"),
        ({"sort": "-"}, "sort", "未知的排序列"),
        ({"page_size": 0}, "page_size", "每页行数"),
        ({"page_size": 501}, "page_size", "每页行数"),
        ({"page_size": "1e9"}, "page_size", "每页行数"),
        ({"page_size": "abc"}, "page_size", "整数"),
    ],
)
def test_bad_sort_or_page_size_is_a_chinese_field_error(client, users, three, params, field, message):
    client.force_login(users.hr)
    for headers in ({}, HTMX):
        response = client.get("/cadres/", params, **headers)
        assert response.status_code == 200
        assert response.context["invalid"] and names(response) == []
        assert field in response.context["display"].errors
        assert message in response.content.decode()


def test_page_size_on_the_boundaries(client, users, three):
    client.force_login(users.hr)
    assert client.get("/cadres/", {"page_size": 1}).context["page"].paginator.per_page == 1
    assert client.get("/cadres/", {"page_size": 500}).context["page"].paginator.per_page == 500


def test_sorted_and_paged_list_keeps_a_constant_query_count(
    client, users, tree, django_assert_max_num_queries
):
    for i in range(30):
        cadre = CadreFactory(
            unit=tree.a if i % 2 else tree.b, name=f"干部{i}", birth_date=D(1965 + i % 20, 1, 1)
        )
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=cadre.unit), start_date=D(2020, 1, 1))
    client.force_login(users.hr)
    client.get("/cadres/")  # warm the session and the permission cache rows
    with django_assert_max_num_queries(12):
        response = client.get("/cadres/", {"sort": "-retirement_date", "page_size": 20, "page": 2})
    assert len(names(response)) == 10
    with django_assert_max_num_queries(12):
        client.get("/cadres/", {"sort": "unit", "page_size": 5, "page": 3}, **HTMX)


def test_full_id_number_search_for_roles_that_see_it(client, users, three):
    target = three[1]
    for user in (users.hr, users.discipline, users.admin):
        client.force_login(user)
        assert names(client.get("/cadres/", {"q": target.id_number})) == ["李四"]
        assert names(client.get("/cadres/", {"q": target.id_number.lower()})) == ["李四"]
    client.force_login(users.leader)
    assert names(client.get("/cadres/", {"q": target.id_number})) == []


def test_part_of_an_id_number_finds_no_one(client, users, three):
    client.force_login(users.hr)
    assert names(client.get("/cadres/", {"q": three[1].id_number[:17]})) == []


def test_id_number_search_stays_in_scope(client, users, tree):
    other = CadreFactory(unit=tree.b, name="赵六")
    users.hr.scope_unit = tree.a
    users.hr.save()
    client.force_login(users.hr)
    assert names(client.get("/cadres/", {"q": other.id_number})) == []


def test_rows_can_be_selected_for_the_lrmx_export(client, users, three):
    client.force_login(users.hr)
    html = client.get("/cadres/").content.decode()
    assert 'id="roster-select-all"' in html and 'form="lrmx-selection"' in html
    assert f'name="ids" value="{three[0].pk}"' in html
    response = client.get("/cadres/export-lrmx/", {"ids": [three[0].pk, three[2].pk]})
    assert response.status_code == 200
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2


def test_another_units_rows_are_neither_listed_nor_exportable(client, users, tree):
    mine, theirs = CadreFactory(unit=tree.a, name="本单位"), CadreFactory(unit=tree.b, name="外单位")
    client.force_login(users.clerk)
    html = client.get("/cadres/").content.decode()
    assert "本单位" in html and "外单位" not in html
    assert client.get("/cadres/export-lrmx/", {"ids": [mine.pk, theirs.pk]}).status_code == 404
    assert client.get("/cadres/export-lrmx/", {"ids": f"{mine.pk},{theirs.pk}"}).status_code == 404
    assert client.get("/cadres/export-lrmx/", {"ids": [mine.pk]}).status_code == 200


@pytest.mark.parametrize("ids", ["", "abc", "0", "-1", "99999999999999999999", "1.5"])
def test_bad_export_ids_are_not_found(client, users, three, ids):
    client.force_login(users.hr)
    assert client.get("/cadres/export-lrmx/", {"ids": ids}).status_code == 404


def test_too_many_ids_are_refused_not_cut(client, users, three, monkeypatch):
    from cadres.views import lrmx

    monkeypatch.setattr(lrmx, "MAX_EXPORT", 2)
    client.force_login(users.hr)
    ok = client.get("/cadres/export-lrmx/", {"ids": [three[0].pk, three[1].pk]})
    assert ok.status_code == 200
    refused = client.get("/cadres/export-lrmx/", {"ids": [c.pk for c in three]})
    assert refused.status_code == 400 and "最多" in refused.content.decode()


def _exported_names(content: bytes) -> list[str]:
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    column = rows[0].index("姓名")
    return [row[column] for row in rows[1:]]


def test_the_excel_export_keeps_the_chosen_sort(client, api, users, three):
    client.force_login(users.hr)
    oldest_first = ["李四", "张三", "王五"]
    assert _exported_names(client.get("/cadres/export/", {"sort": "-age"}).content) == oldest_first
    assert _exported_names(client.get("/cadres/export/", {"sort": "age"}).content) == oldest_first[::-1]
    assert client.get("/cadres/export/", {"sort": "shoe_size"}).status_code == 400
    by_api = api(users.hr).get("/api/v1/cadres/export/", {"ordering": "birth_date", "format": "xlsx"})
    assert _exported_names(by_api.content) == oldest_first
