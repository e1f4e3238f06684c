"""The one-box search's keys: pieces of names and titles, kept by the services and filled by 0017."""

import importlib
import textwrap

import pytest
from django.apps import apps

from cadres.models import Cadre, OrgUnit, Post
from cadres.rules.pinyin import query_keys, substring_keys
from cadres.services import cadre_save, org_unit_save, post_save
from core.actors import system_actor
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.subprocesses import run_manage


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("", []),
        ("伟", ["伟"]),
        ("张伟", ["伟", "张", "张伟"]),
        ("张小伟", ["伟", "小", "小伟", "张", "张小"]),
        ("张 伟", ["伟", "张", "张伟"]),  # spaces do not count
        ("ＡＢ", ["a", "ab", "b"]),  # full-width letters fold to plain lower case
        ("林林", ["林", "林林"]),  # once each
    ],
)
def test_substring_keys(text, keys):
    assert substring_keys(text=text) == keys


@pytest.mark.parametrize(
    ("query", "keys"),
    [("", []), ("伟", ["伟"]), ("小伟", ["小伟"]), ("张小伟", ["小伟", "张小"]), ("Ｓz", ["sz"])],
)
def test_query_keys_are_the_query_up_to_two_characters_then_its_pairs(query, keys):
    assert query_keys(query=query) == keys


def test_every_key_of_a_query_is_a_key_of_a_name_containing_it():
    name = "欧阳小明"
    for start in range(len(name)):
        for end in range(start + 1, len(name) + 1):
            assert set(query_keys(query=name[start:end])) <= set(substring_keys(text=name))


def test_saving_a_cadre_renews_the_keys(tree):
    cadre = CadreFactory(unit=tree.a, name="张伟")
    assert Cadre.objects.get(pk=cadre.pk).name_grams == ["伟", "张", "张伟"]
    cadre.name = "李强"
    cadre_save(cadre=cadre, acting_user=system_actor())
    stored = Cadre.objects.get(pk=cadre.pk)
    assert (stored.name_grams, stored.name_initials, stored.name_pinyin) == (
        ["强", "李", "李强"],
        "lq",
        "liqiang",
    )


def test_saving_a_unit_or_a_post_renews_its_keys(tree):
    tree.a.name = "档案馆"
    org_unit_save(unit=tree.a, acting_user=system_actor())
    assert OrgUnit.objects.get(pk=tree.a.pk).name_grams == ["案", "案馆", "档", "档案", "馆"]
    post = PostFactory(unit=tree.a, title="馆长", level=level("middle_principal"))
    post.title = "副馆长"
    post_save(post=post, acting_user=system_actor())
    assert Post.objects.get(pk=post.pk).title_grams == ["副", "副馆", "长", "馆", "馆长"]


def test_the_data_migration_fills_the_keys_of_existing_rows(tree):
    cadre = CadreFactory(unit=tree.a, name="欧阳修")
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    Cadre.objects.filter(pk=cadre.pk).update(name_grams=[], name_initials="", name_pinyin="")
    OrgUnit.objects.filter(pk=tree.a.pk).update(name_grams=[])
    Post.objects.filter(pk=post.pk).update(title_grams=[])

    importlib.import_module("cadres.migrations.0017_search_keys").fill_search_keys(apps, None)

    stored = Cadre.objects.get(pk=cadre.pk)
    assert stored.name_grams == substring_keys(text="欧阳修")
    assert (stored.name_initials, stored.name_pinyin) == ("oyx", "ouyangxiu")
    assert OrgUnit.objects.get(pk=tree.a.pk).name_grams == substring_keys(text=tree.a.name)
    assert Post.objects.get(pk=post.pk).title_grams == ["长", "院", "院长"]


class TestSearchByKeys:
    @pytest.fixture
    def people(self, tree):
        ouyang = CadreFactory(unit=tree.a, name="欧阳小明")
        AppointmentFactory(
            cadre=CadreFactory(unit=tree.b, name="李强"),
            post=PostFactory(unit=tree.b, title="党总支副书记", level=level("middle_deputy")),
        )
        return ouyang

    def search(self, api, user, q):
        return {c["name"] for c in api(user).get("/api/v1/cadres/", {"q": q}).json()["results"]}

    @pytest.mark.parametrize(
        ("q", "names"),
        [
            ("小", {"欧阳小明"}),  # one character inside the name
            ("阳小", {"欧阳小明"}),  # two
            ("阳小明", {"欧阳小明"}),  # three: the pairs, then the whole
            ("欧小", set()),  # both characters are in the name, but not together
            ("欧阳明", set()),  # its pairs 欧阳 and 阳明: 阳明 is not in the name
            ("副书", {"李强"}),  # a post held today, by its title's pieces
            ("总支副书记", {"李强"}),
            ("工程学院", {"欧阳小明", "李强"}),  # the units' names: 信息工程学院, 机电工程学院
            ("信息工程", {"欧阳小明"}),
        ],
    )
    def test_pieces_find_substrings_only(self, api, users, people, q, names):
        assert self.search(api, users.hr, q) == names

    def test_a_clerk_finds_only_his_units_cadres(self, api, users, people):
        assert self.search(api, users.clerk, "李强") == set()
        assert self.search(api, users.clerk, "小明") == {"欧阳小明"}


SQLITE_SEARCH = textwrap.dedent(
    """
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.utils import timezone
    from cadres.models import Cadre
    from cadres.selectors.cadres import cadre_search
    from tests.factories import AppointmentFactory, CadreFactory, OrgUnitFactory, PostFactory, level
    unit = OrgUnitFactory(code="U", name="信息工程学院")
    CadreFactory(unit=unit, name="欧阳小明")
    post = PostFactory(unit=unit, title="院长", level=level("middle_principal"))
    AppointmentFactory(cadre=CadreFactory(unit=unit, name="李强"), post=post)
    for q in ["阳小", "阳小明", "欧小", "oyxm", "院长", "工程"]:
        found = cadre_search(Cadre.objects.all(), q=q, on=timezone.localdate())
        print(q, sorted(found.values_list("name", flat=True)))
    """
)


def test_the_search_works_on_sqlite_without_the_indexes():
    result = run_manage(
        "shell",
        "-c",
        SQLITE_SEARCH,
        env_overrides={"DATABASE_URL": "sqlite:///:memory:"},
        settings_module="config.settings.local",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-7:-1] == [
        "阳小 ['欧阳小明']",
        "阳小明 ['欧阳小明']",
        "欧小 []",
        "oyxm ['欧阳小明']",
        "院长 ['李强']",
        "工程 ['李强', '欧阳小明']",
    ]
